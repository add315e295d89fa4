import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { docsInChromium, liveFrame, openEditor } from "../support/docs-in-chromium.ts";
import { SCREENSHOT_DIR } from "../support/screenshots.ts";

const docs = docsInChromium();

/** The event names listed in the Event frames pane. */
function frameEvents(page: Page): Promise<string[]> {
  return page.getByRole("region", { name: "Event frames" }).locator(".wb-frame .wb-event").allTextContents();
}

/** What the example shows in Live output once the feed is done. */
async function shownFeed(page: Page): Promise<{ status: string | null; titles: string[] }> {
  const live = await liveFrame(page);
  await expect.poll(() => live.locator("main ol .notification").count(), { timeout: 30_000 }).toBe(4);
  return { status: await live.locator(".status").textContent(), titles: await live.locator("main ol .notification strong").allTextContents() };
}

describe("the workbench's htmx switch", () => {
  it("runs the SSE example on htmx 4: the same feed on screen, the fragments as unnamed frames of <hx-partial>; Test runs on htmx 4 too", async () => {
    const context = await docs.browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await page.goto(new URL("/docs/examples/sse/", docs.server.url).href);
    const htmx = page.getByLabel("htmx version");
    expect(await htmx.inputValue()).toBe("2");
    await expect.poll(() => frameEvents(page), { timeout: 30_000 }).toEqual(["status", "notification", "notification", "notification", "notification", "close"]);
    const onTwo = await shownFeed(page);

    await htmx.focus();
    await page.keyboard.press("ArrowDown");
    expect(await htmx.inputValue()).toBe("4");
    await expect.poll(() => frameEvents(page), { timeout: 30_000 }).toEqual(["status", "message", "message", "message", "message", "close"]);
    expect(await shownFeed(page)).toEqual(onTwo);
    expect(onTwo).toEqual({ status: "connected", titles: ["Welcome", "Update", "Alert", "Resolved"] });
    const data = await page.getByRole("region", { name: "Event frames" }).locator(".wb-frame .wb-data").allTextContents();
    expect(data[1]).toContain('<hx-partial hx-target="#notification" hx-swap="beforeend"><li class="notification notification--welcome">');
    expect(await (await liveFrame(page)).locator("script[src='/_chirp/hx-sse.js']").count()).toBe(1);
    await openEditor(page);
    await page.locator("#workbench").screenshot({ path: path.join(SCREENSHOT_DIR, "workbench-htmx4-frames.png") });

    await page.getByRole("button", { name: "Test" }).click();
    const results = page.getByRole("region", { name: "Tests" }).locator(".wb-tests");
    await expect.poll(() => results.locator(".wb-tests-summary").textContent(), { timeout: 50_000 }).toMatch(/^Tests: \d+ passed, 0 failed$/);
    await context.close();
  }, 120_000);

  it("is offered only on examples written for both htmx versions", async () => {
    const context = await docs.browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await page.goto(new URL("/docs/examples/hello/", docs.server.url).href);
    await page.getByRole("button", { name: "Run", exact: true }).waitFor();
    expect(await page.getByLabel("htmx version").count()).toBe(0);
    await context.close();
  });
});
