import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import { liveFrame } from "./docs-in-chromium.ts";
import { SCREENSHOT_DIR } from "./screenshots.ts";

/** The SSE example's page in the docs. */
export const SSE_EXAMPLE_PAGE = "/docs/examples/sse/";
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
 * Opens the SSE example page at `url` `width` px wide (it runs the example as it opens), presses Run (Enter),
 * and waits until the live output shows that new run at `address` with its four notifications, and the
 * Event frames list its six events. `watch` is given the page before it opens.
 */
export async function runSseExample(browser: Browser, url: string, address: RegExp, width = 1440, watch?: (page: Page) => Promise<unknown>): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.addInitScript(NOTE_NOTIFICATIONS);
  const page = await context.newPage();
  await watch?.(page);
  await page.goto(url);
  const opened = (await liveFrame(page, address)).url();
  await page.getByRole("button", { name: "Run", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await liveFrame(page, address)).url(), { timeout: 30_000 }).not.toBe(opened);
  await expect.poll(() => notifications(page, address), { timeout: 30_000 }).toEqual(["Welcome", "Update", "Alert", "Resolved"]);
  await expect.poll(() => frameEvents(page), { timeout: 30_000 }).toEqual(SIX_FRAMES);
  return page;
}

/** When the live output's page showed each notification, in ms since the first. */
export async function notificationTimes(page: Page, address: RegExp): Promise<number[]> {
  const shown = await (await liveFrame(page, address)).evaluate(() => (window as unknown as { __shown: number[] }).__shown);
  return shown.map((time) => Math.round(time - shown[0]!));
}

/** Saves the example's workbench (Source, Live output, Event frames) as `name.png` under test-results/screenshots. */
export const workbenchShot = (page: Page, name: string) => page.locator("#workbench").screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), animations: "disabled" });
