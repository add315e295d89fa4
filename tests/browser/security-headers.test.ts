import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import type { Listening } from "chirp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "../../server/main.ts";
import { launchChromium } from "../support/browser.ts";
import { recordCspViolations } from "../support/csp-violations.ts";
import { liveFrame, openEditor } from "../support/docs-in-chromium.ts";

let browser: Browser;
let docs: Listening;
let pages: string[];
/** A page on another origin that frames whatever `?src=` names: what a hostile site would do. */
let hostile: http.Server;
let hostileUrl: string;

beforeAll(async () => {
  const server = await createServer();
  pages = server.site.current().pages.map((page) => page.url);
  hostile = http.createServer((request, response) => {
    const src = new URL(request.url ?? "/", "http://x").searchParams.get("src") ?? "";
    response.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><title>Hostile</title><iframe src="${src.replaceAll('"', "&quot;")}"></iframe>`);
  });
  await new Promise<void>((resolve) => hostile.listen(0, "localhost", resolve));
  hostileUrl = `http://localhost:${(hostile.address() as AddressInfo).port}/`;
  [browser, docs] = await Promise.all([launchChromium(), server.app.listen({ port: 0 })]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await docs?.close();
  hostile?.close();
});

/** Opens the hostile page framing `src`; resolves to the URL its frame ended up with once it loaded. */
async function framedByHostile(src: string): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${hostileUrl}?src=${encodeURIComponent(src)}`);
  const frame = await (await page.locator("iframe").elementHandle())!.contentFrame();
  await expect.poll(() => frame!.url(), { timeout: 20_000 }).not.toBe("about:blank");
  const url = frame!.url();
  const text = await frame!.evaluate(() => document.body?.innerText ?? "").catch(() => "");
  await context.close();
  return `${url} ${text}`;
}

describe("security headers of the docs", () => {
  it("every docs response says nosniff, a Referrer-Policy, and a CSP that lets only the docs frame it", async () => {
    for (const path of ["/", "/docs/get-started.md", "/llms.txt", "/search-index.json", "/docs/no-such-page/", "/api/playground"]) {
      const response = await fetch(new URL(path, docs.url));
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("referrer-policy"), path).toBe("same-origin");
      expect(response.headers.get("content-security-policy"), path).toContain("frame-ancestors 'self'");
    }
  });

  it("loads every docs page in Chromium with the CSP on and no violation; the example page runs its example in the frame", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const violations = await recordCspViolations(page);
    for (const url of [...pages, "/docs/no-such-page/"]) {
      await page.goto(new URL(url, docs.url).href);
      await expect.poll(() => page.evaluate(() => "htmx" in window), { message: url }).toBe(true);
    }
    await page.goto(new URL("/docs/examples/sse/", docs.url).href);
    await openEditor(page);
    const live = await liveFrame(page);
    await expect.poll(() => live.locator("#feed li").count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(violations).toEqual([]);
    await context.close();
  });

  it("Vite's dev mode (client, hot reload socket, Monaco) satisfies the same CSP", async () => {
    const dev = await createServer({ dev: true });
    const listening = await dev.app.listen({ port: 0 });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const page = await context.newPage();
      const violations = await recordCspViolations(page);
      await page.goto(new URL("/docs/get-started/", listening.url).href);
      await expect.poll(() => page.evaluate(() => "htmx" in window)).toBe(true);
      await page.goto(new URL("/docs/examples/sse/", listening.url).href);
      await openEditor(page);
      await liveFrame(page);
      expect(violations).toEqual([]);
    } finally {
      await context.close();
      await listening.close();
    }
  }, 180_000);

  it("a page of another site cannot frame a docs page", async () => {
    const framed = await framedByHostile(new URL("/docs/examples/sse/", docs.url).href);
    expect(framed).not.toContain("Live output");
    expect(framed).toMatch(/^chrome-error:/);
  });

  it("a run can be framed by the docs page only", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(new URL("/docs/examples/sse/", docs.url).href);
    const runUrl = (await liveFrame(page)).url();
    expect(await framedByHostile(runUrl)).toMatch(/^chrome-error:/);
    await context.close();
  });
});
