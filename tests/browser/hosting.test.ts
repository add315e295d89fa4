import http from "node:http";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Listening } from "chirp";
import { createServer } from "../../server/main.ts";
import { freePort } from "../../scripts/free-port.ts";
import { launchChromium } from "../support/browser.ts";
import { liveFrame } from "../support/docs-in-chromium.ts";
import { HOSTING_CONFIG, Nginx } from "../support/nginx.ts";
import { SCREENSHOT_DIR } from "../support/screenshots.ts";

const PAGE = "/docs/examples/sse/";
const SIX_FRAMES = ["status", "notification", "notification", "notification", "notification", "close"];

const frameEvents = (page: Page) => page.getByRole("region", { name: "Event frames" }).locator(".wb-frame .wb-event").allTextContents();
const notifications = async (page: Page, address: RegExp) => (await liveFrame(page, address)).locator("#feed .notification strong").allTextContents();

/** Notes in each frame's window when each notification appears in its page (in `__shown`, ms since the page began). */
const NOTE_NOTIFICATIONS = () => {
  const shown: number[] = [];
  Object.assign(window, { __shown: shown });
  new MutationObserver((changes) => {
    for (const change of changes) for (const node of change.addedNodes) if (node instanceof Element && node.matches(".notification")) shown.push(performance.now());
  }).observe(document, { childList: true, subtree: true });
};

/**
 * Opens the SSE example page at `url` `width` px wide (it runs the example as it opens), presses Run,
 * and waits until the live output shows that new run at `address` with its four notifications, and the
 * Event frames list its six events.
 */
async function runExample(browser: Browser, url: string, address: RegExp, width = 1440): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.addInitScript(NOTE_NOTIFICATIONS);
  const page = await context.newPage();
  await page.goto(url);
  const opened = (await liveFrame(page, address)).url();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect.poll(async () => (await liveFrame(page, address)).url(), { timeout: 30_000 }).not.toBe(opened);
  await expect.poll(() => notifications(page, address), { timeout: 30_000 }).toEqual(["Welcome", "Update", "Alert", "Resolved"]);
  await expect.poll(() => frameEvents(page), { timeout: 30_000 }).toEqual(SIX_FRAMES);
  return page;
}

/** When the live output's page showed each notification, in ms since the first. */
async function notificationTimes(page: Page, address: RegExp): Promise<number[]> {
  const shown = await (await liveFrame(page, address)).evaluate(() => (window as unknown as { __shown: number[] }).__shown);
  return shown.map((time) => Math.round(time - shown[0]!));
}

/** Saves the example's workbench (Source, Live output, Event frames) as `name.png` under test-results/screenshots. */
const workbenchShot = (page: Page, name: string) => page.locator("#workbench").screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), animations: "disabled" });

/** A GET through nginx with the Host header `host`: its status, or "closed" when nginx closes the connection without an answer. */
function statusThrough(nginx: Nginx, host: string): Promise<number | "closed"> {
  return new Promise((resolve) => {
    http
      .get(nginx.url, { headers: { host } }, (answer) => {
        answer.resume();
        resolve(answer.statusCode ?? 0);
      })
      .on("error", () => resolve("closed"));
  });
}

describe("the docs in public mode behind nginx (deploy/nginx-docs.conf)", () => {
  let nginx: Nginx;
  let docs: Listening;
  let browser: Browser;
  let docsUrl: string;

  beforeAll(async () => {
    const docsPort = await freePort();
    // The documented configuration, its names made the test's: docs.test and *.runs.test, both resolved to loopback by Chromium.
    // A public server is https, where browsers send the fetch metadata the run API asks for; over the test's plain http,
    // Chromium is told to treat the docs origin as the secure one it would be.
    nginx = await Nginx.start([docsPort], "60s", { config: HOSTING_CONFIG, names: { "docs.example.com": "docs.test", "runs.example.com": "runs.test" } });
    docsUrl = `http://docs.test:${nginx.port}`;
    const server = await createServer({ hosting: { readOnly: true, publicUrl: docsUrl, runDomain: "runs.test", trustProxy: true } });
    [docs, browser] = await Promise.all([server.app.listen({ port: docsPort }), launchChromium(["--host-resolver-rules=MAP docs.test 127.0.0.1, MAP *.runs.test 127.0.0.1", `--unsafely-treat-insecure-origin-as-secure=${docsUrl}`])]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await docs?.close();
    await nginx?.stop();
  });

  it("runs the SSE example at <run-id>.runs.test through nginx's one port: live output and Event frames", async () => {
    const address = new RegExp(`^http://[0-9a-f]{32}\\.runs\\.test:${nginx.port}/$`);
    const page = await runExample(browser, `${docsUrl}${PAGE}`, address);
    expect(await page.locator(".wb-note").textContent()).toMatch(/one process every reader shares/);
    // Unbuffered all the way: the example sends a notification every 1.5 s, and the page showed them as
    // they came (a buffering proxy would hand over all four at the end of the stream, at once).
    const times = await notificationTimes(page, address);
    expect(times).toHaveLength(4);
    expect(times[3]!, `notifications shown at ${times.join(", ")} ms`).toBeGreaterThanOrEqual(4000);
    await workbenchShot(page, "hosting-nginx-1440");
    await page.context().close();

    const narrow = await runExample(browser, `${docsUrl}${PAGE}`, address, 390);
    await workbenchShot(narrow, "hosting-nginx-390");
    await narrow.context().close();
  });

  it("Share and Copy link give the page's public address, also to the operator who opened it on the docs server's loopback port", async () => {
    for (const opened of [`${docsUrl}${PAGE}`, `${docs.url.replace(/\/$/, "")}${PAGE}`]) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(opened).origin });
      const page = await context.newPage();
      await page.goto(opened);
      // The page's own run has ended its stream (its status would take the place of Share's).
      await expect.poll(() => page.locator(".wb-status").textContent(), { timeout: 30_000 }).toBe("Stream ended");
      const share = page.getByRole("button", { name: "Share", exact: true });
      expect(await share.getAttribute("title")).toBe("Copy a link to this example page");
      await share.focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${docsUrl}${PAGE}`);
      expect(await page.locator(".wb-status").textContent()).toBe("Link copied: this example page, as this server runs it");
      // The page actions' Copy link gives the same address.
      await page.evaluate(() => navigator.clipboard.writeText(""));
      await page.getByRole("button", { name: "Page actions" }).click();
      await page.getByRole("menuitem", { name: "Copy link" }).click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${docsUrl}${PAGE}`);
      expect(await page.locator(".actions-status").textContent()).toBe("Link copied");
      await context.close();
    }
  });

  it("answers only its own names: an unknown run gets 404 from the docs server, a foreign name nothing from nginx", async () => {
    expect(await statusThrough(nginx, `docs.test:${nginx.port}`)).toBe(200);
    expect(await statusThrough(nginx, `${"0".repeat(32)}.runs.test:${nginx.port}`)).toBe(404);
    expect(await statusThrough(nginx, `${"0".repeat(32)}.runs.test:1`)).toBe(403);
    expect(await statusThrough(nginx, "evil.test")).toBe("closed");
  });
});

describe("a browser that does not resolve *.localhost (Safari)", () => {
  let docs: Listening;
  let browser: Browser;

  beforeAll(async () => {
    const server = await createServer({ hosting: { readOnly: false, runDomain: "run.localhost", trustProxy: false } });
    [docs, browser] = await Promise.all([server.app.listen({ port: 0 }), launchChromium(["--host-resolver-rules=MAP *.run.localhost ~NOTFOUND"])]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await docs?.close();
  });

  it("is shown the run at its own loopback port instead", async () => {
    const page = await runExample(browser, new URL(PAGE, docs.url).href, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(Number(new URL((await liveFrame(page, /^http:\/\/127\.0\.0\.1:\d+\/$/)).url()).port)).not.toBe(docs.port);
    await page.context().close();
  });
});
