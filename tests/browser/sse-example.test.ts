import { setTimeout as sleep } from "node:timers/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Listening } from "chirp";
import { app } from "../../examples/sse/app.ts";
import { foreignRequests, launchChromium, recordRequests } from "../support/browser.ts";
import { screenshot } from "../support/screenshots.ts";

let browser: Browser;
let server: Listening;

beforeAll(async () => {
  process.env.SSE_DELAY = "0.3";
  [browser, server] = await Promise.all([launchChromium(), app.listen({ port: 0 })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it("shows the four notifications in order, drops the placeholder, and stops after close", async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 720 } });
  const requests = recordRequests(page);
  await page.goto(server.url);

  const notifications = page.locator("#feed .notification");
  await expect.poll(() => page.locator(".status").textContent()).toBe("connected");
  await expect.poll(() => notifications.count()).toBeGreaterThanOrEqual(2);
  await screenshot(page, "sse-example-mid-stream");

  await expect.poll(() => notifications.count(), { timeout: 10_000 }).toBe(4);
  expect(await notifications.locator("strong").allTextContents()).toEqual(["Welcome", "Update", "Alert", "Resolved"]);
  expect(await notifications.locator("p").first().textContent()).toBe("You are now connected to the live feed.");
  expect(await page.locator(".waiting").isVisible()).toBe(false);

  // sse-close="close" closes the EventSource: htmx keeps no connection open and does not reconnect.
  await expect
    .poll(() => page.evaluate(() => (document.querySelector("[sse-connect]") as unknown as Record<string, { sseEventSource?: EventSource }>)["htmx-internal-data"]?.sseEventSource?.readyState))
    .toBe(2);
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
  await screenshot(page, "sse-example-done");
  await sleep(3_500); // longer than the browser's default reconnection delay
  expect(requests.filter((request) => new URL(request.url()).pathname === "/events")).toHaveLength(1);
  expect(foreignRequests(requests)).toEqual([]);
  await page.close();
});

it("reads well on a narrow screen in dark mode", async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 700 }, colorScheme: "dark" });
  await page.goto(server.url);
  await expect.poll(() => page.locator("#feed .notification").count(), { timeout: 10_000 }).toBe(4);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  await screenshot(page, "sse-example-narrow-dark");
  await page.close();
});
