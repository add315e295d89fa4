import { setTimeout as sleep } from "node:timers/promises";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { app } from "../../examples/sse/app.ts";
import { foreignRequests, recordRequests } from "../support/browser.ts";
import { appInChromium } from "../support/app-in-chromium.ts";
import { screenshot } from "../support/screenshots.ts";

// Runs once per htmx version (vitest's "htmx 4" project sets CHIRP_HTMX=4): the same app source, the same screen.
const htmx = app.config.htmx;

/** Whether the page's stream connection is closed for good. */
function streamClosed(page: Page): Promise<boolean> {
  return htmx === 2
    ? page.evaluate(() => (document.querySelector("[sse-connect]") as unknown as Record<string, { sseEventSource?: EventSource }>)["htmx-internal-data"]?.sseEventSource?.readyState === 2)
    : page.evaluate(() => {
        const section = document.querySelector("[hx-sse\\:connect]") as unknown as { _htmx?: { sse?: unknown } } | null;
        return section?._htmx !== undefined && section._htmx.sse === undefined;
      });
}

/** What the finished page says, word for word, in either htmx version. */
const SCREEN_LINES = [
  "Live feed",
  "connected",
  "Notifications arrive over Server-Sent Events and htmx swaps each one in.",
  "Welcome",
  "You are now connected to the live feed.",
  "Update",
  "New deployment started.",
  "Alert",
  "CPU usage above 90% on worker-3.",
  "Resolved",
  "CPU usage back to normal.",
  "Served by chirp · stream at /events",
];

const live = appInChromium(async () => {
  process.env.SSE_DELAY = "0.3";
  return app.listen({ port: 0 });
});

it(`shows the four notifications in order, drops the placeholder, and stops after close (htmx ${htmx})`, async () => {
  const page = await live.browser.newPage({ viewport: { width: 1000, height: 720 } });
  const requests = recordRequests(page);
  await page.goto(live.server.url);

  const notifications = page.locator("main ol .notification");
  await expect.poll(() => page.locator(".status").textContent()).toBe("connected");
  await expect.poll(() => notifications.count()).toBeGreaterThanOrEqual(2);
  await screenshot(page, `sse-example-htmx${htmx}-mid-stream`);

  await expect.poll(() => notifications.count(), { timeout: 10_000 }).toBe(4);
  expect(await notifications.locator("strong").allTextContents()).toEqual(["Welcome", "Update", "Alert", "Resolved"]);
  expect(await notifications.locator("p").first().textContent()).toBe("You are now connected to the live feed.");
  expect(await page.locator(".waiting").isVisible()).toBe(false);

  expect((await page.locator("main").innerText()).split(/\n+/)).toEqual(SCREEN_LINES);

  // sse-close / hx-sse:close="close" closes the connection: htmx keeps none open and does not reconnect.
  await expect.poll(() => streamClosed(page)).toBe(true);
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
  await screenshot(page, `sse-example-htmx${htmx}-done`);
  await sleep(3_500); // longer than the browser's default reconnection delay
  expect(requests.filter((request) => new URL(request.url()).pathname === "/events")).toHaveLength(1);
  expect(foreignRequests(requests)).toEqual([]);
  await page.close();
});

it(`reads well on a narrow screen in dark mode (htmx ${htmx})`, async () => {
  const page = await live.browser.newPage({ viewport: { width: 375, height: 700 }, colorScheme: "dark" });
  await page.goto(live.server.url);
  await expect.poll(() => page.locator("main ol .notification").count(), { timeout: 10_000 }).toBe(4);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  await screenshot(page, `sse-example-htmx${htmx}-narrow-dark`);
  await page.close();
});
