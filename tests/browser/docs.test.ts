import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { foreignRequests, recordRequests } from "../support/browser.ts";
import { docsInChromium } from "../support/docs-in-chromium.ts";
import { screenshot } from "../support/screenshots.ts";

/** The JavaScript budget of a page without the example workbench, gzip-compressed. */
const JS_BUDGET_BYTES = 50 * 1024;

// The same start-up as `npm start`: the front end is built first when dist/ is missing or stale.
const docs = docsInChromium();

async function open(path: string, options: Parameters<Browser["newContext"]>[0] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await docs.browser.newContext({ viewport: { width: 1280, height: 860 }, ...options });
  const page = await context.newPage();
  await page.goto(new URL(path, docs.server.url).href);
  return { context, page };
}

/** htmx has loaded (it boosts the links when the document has loaded, before `goto` returns). Polled from here: the page's CSP forbids the eval `waitForFunction` needs. */
async function htmxReady(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => "htmx" in window)).toBe(true);
}

describe("the docs in Chromium", () => {
  it("swaps only the main area on sidebar navigation, marks the page, and Back works", async () => {
    const { context, page } = await open("/docs/get-started/");
    await htmxReady(page);
    await page.evaluate(() => ((window as unknown as Record<string, unknown>).sameDocument = true));
    await page.locator("#sidebar").getByRole("link", { name: "Server-Sent Events" }).click();
    await page.waitForURL(/\/docs\/concepts\/server-sent-events\/$/);
    await expect.poll(() => page.locator("main h1").textContent()).toBe("Server-Sent Events");
    expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).sameDocument)).toBe(true);
    expect(await page.title()).toBe("Server-Sent Events · chirp");
    await expect.poll(() => page.locator("#sidebar a[aria-current=page]").textContent()).toBe("Server-Sent Events");

    await page.goBack();
    await expect.poll(() => page.locator("main h1").textContent()).toBe("Get started");
    expect(page.url()).toMatch(/\/docs\/get-started\/$/);
    await expect.poll(() => page.locator("#sidebar a[aria-current=page]").textContent()).toBe("Get started");
    await context.close();
  });

  it("loads example pages, and leaves them, with whole page loads so the workbench starts and ends with its page", async () => {
    const { context, page } = await open("/docs/examples/");
    await htmxReady(page);
    const marker = () => page.evaluate(() => (window as unknown as Record<string, unknown>).sameDocument);
    await page.evaluate(() => ((window as unknown as Record<string, unknown>).sameDocument = true));
    await page.locator("#sidebar").getByRole("link", { name: "SSE", exact: true }).click();
    await page.waitForURL(/\/docs\/examples\/sse\/$/);
    await page.waitForLoadState("load");
    expect(await marker()).toBeUndefined();
    expect(await page.locator('#workbench[data-example="sse"]').count()).toBe(1);

    await htmxReady(page);
    await page.evaluate(() => ((window as unknown as Record<string, unknown>).sameDocument = true));
    await page.locator("#sidebar").getByRole("link", { name: "Streams" }).click();
    await page.waitForURL(/\/docs\/reference\/streams\/$/);
    await page.waitForLoadState("load");
    expect(await marker()).toBeUndefined();
    await context.close();
  });

  it("follows a link to a file in the content as a plain link", async () => {
    const { context, page } = await open("/");
    await htmxReady(page);
    await page.locator("main").getByRole("link", { name: "/llms.txt" }).click();
    await page.waitForURL(/\/llms\.txt$/);
    expect(await page.locator("body").textContent()).toMatch(/^# chirp/);
    await context.close();
  });

  it("finds EventStream with the search and opens its page", async () => {
    const { context, page } = await open("/docs/get-started/");
    await htmxReady(page);
    await page.keyboard.press("/");
    const input = page.getByRole("combobox", { name: "Search the docs" });
    await input.fill("EventStream");
    const first = page.getByRole("option").first();
    await expect.poll(() => first.locator("mark").first().textContent()).toMatch(/^EventStream$/i);
    await screenshot(page, "docs-search");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/docs\/(reference\/streams|concepts\/server-sent-events)\/#eventstream$/);
    await expect.poll(() => page.locator("#eventstream").count()).toBe(1);
    expect(await page.locator("#search").evaluate((dialog) => (dialog as HTMLDialogElement).open)).toBe(false);
    await context.close();
  });

  it("copies the page's Markdown to the clipboard", async () => {
    const { context, page } = await open("/docs/examples/sse/", { permissions: ["clipboard-read", "clipboard-write"] });
    await page.getByRole("button", { name: "Copy page" }).click();
    await expect.poll(() => page.locator(".actions-status").textContent()).toBe("Page copied as Markdown");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(docs.site.find("/docs/examples/sse/")!.markdown);
    expect(copied).toContain('app.route("/events", { referenced: true }');
    await context.close();
  });

  it("offers the page actions in a menu named Page actions", async () => {
    const { context, page } = await open("/docs/concepts/testing/");
    await page.getByRole("button", { name: "Page actions" }).click();
    const menu = page.getByRole("menu", { name: "Page actions" });
    await expect.poll(() => menu.isVisible()).toBe(true);
    expect(await menu.getByRole("menuitem").allTextContents()).toEqual([
      "Copy pageThis page as Markdown, for an LLM",
      "Open LLM textThe Markdown twin, files inlined",
      "Copy link",
      "Share",
      "Ask Claude",
      "Ask ChatGPT",
      "Ask Gemini",
      "Ask CopilotAlso copies the page, to paste",
    ]);
    expect(await menu.getByRole("menuitem", { name: "Open LLM text" }).getAttribute("href")).toBe("/docs/concepts/testing.md");
    // A local server: the prompt carries the page, since no assistant can reach 127.0.0.1.
    const claude = await menu.getByRole("menuitem", { name: "Ask Claude" }).getAttribute("href");
    expect(new URL(claude!).searchParams.get("q")).toContain(docs.site.find("/docs/concepts/testing/")!.markdown);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toContain("Copy page");
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain("Open LLM text");
    await page.keyboard.press("Escape");
    await expect.poll(() => menu.isVisible()).toBe(false);
    await context.close();
  });

  it("follows a dark system theme, switches to light on request and remembers it", async () => {
    const { context, page } = await open("/docs/concepts/server-sent-events/", { colorScheme: "dark" });
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background()).toBe("rgb(15, 17, 21)");
    await screenshot(page, "docs-dark");
    await page.getByRole("button", { name: "Switch to the light theme" }).click();
    expect(await background()).toBe("rgb(255, 255, 255)");
    await page.reload();
    expect(await background()).toBe("rgb(255, 255, 255)");
    await context.close();
  });

  it("works 375 px wide: no sideways scrolling, and the menu opens, navigates and closes", async () => {
    const { context, page } = await open("/docs/get-started/", { viewport: { width: 375, height: 740 } });
    await htmxReady(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const sidebar = page.locator("#sidebar");
    expect(await sidebar.isVisible()).toBe(false);
    await page.getByRole("button", { name: "Menu" }).click();
    await expect.poll(() => sidebar.isVisible()).toBe(true);
    await expect.poll(() => sidebar.evaluate((element) => element.getBoundingClientRect().left)).toBe(0);
    await screenshot(page, "docs-narrow-menu");
    await sidebar.getByRole("link", { name: "Configuration", exact: true }).click();
    await expect.poll(() => page.locator("main h1").textContent()).toBe("Configuration");
    await expect.poll(() => sidebar.isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Menu" }).getAttribute("aria-expanded")).toBe("false");
    await context.close();
  });

  it("makes no request that leaves 127.0.0.1, and no page scrolls sideways 360 px wide", async () => {
    const context = await docs.browser.newContext({ viewport: { width: 360, height: 720 } });
    const page = await context.newPage();
    const requests = recordRequests(page);
    for (const docsPage of docs.site.pages) {
      await page.goto(new URL(docsPage.url, docs.server.url).href, { waitUntil: "networkidle" });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), docsPage.url).toBeLessThanOrEqual(360);
    }
    expect(requests.length).toBeGreaterThan(docs.site.pages.length);
    expect(foreignRequests(requests)).toEqual([]);
    await context.close();
  });

  it(`loads at most ${JS_BUDGET_BYTES / 1024} KB of gzipped JavaScript on a page without a workbench`, async () => {
    const context = await docs.browser.newContext();
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.push(response.url());
    });
    await page.goto(new URL("/docs/concepts/server-sent-events/", docs.server.url).href, { waitUntil: "networkidle" });
    let total = 0;
    for (const url of scripts) total += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer()), { level: 9 }).length;
    console.log(`docs page JavaScript: ${scripts.length} files, ${total} bytes gzipped`);
    expect(scripts.some((url) => url.includes("/_chirp/htmx.min.js"))).toBe(true);
    expect(total).toBeLessThanOrEqual(JS_BUDGET_BYTES);
    await context.close();
  });

  it("looks right: screenshots of the home, SSE example and reference pages", async () => {
    for (const [name, path] of [
      ["docs-home", "/"],
      ["docs-sse-example", "/docs/examples/sse/"],
      ["docs-reference", "/docs/reference/streams/"],
    ] as const) {
      const { context, page } = await open(path);
      expect(await page.locator("main h1").isVisible()).toBe(true);
      await screenshot(page, name);
      await context.close();
    }
  });
});
