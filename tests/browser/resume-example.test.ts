import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { app } from "../../examples/resume/app.ts";
import { foreignRequests, recordRequests } from "../support/browser.ts";
import { appInChromium } from "../support/app-in-chromium.ts";
import { screenshot } from "../support/screenshots.ts";

const live = appInChromium(async () => {
  process.env.RESUME_TICK_MS = "150";
  return app.listen({ port: 0 });
});

/** The counts the page received, oldest first. */
async function received(page: Page): Promise<number[]> {
  return (await page.locator("#received .n").allTextContents()).map(Number).reverse();
}

it("continues the counter with no gap after a forced drop, and resets after losing more than the history", async () => {
  const page = await live.browser.newPage({ viewport: { width: 1440, height: 900 } });
  const requests = recordRequests(page);
  await page.goto(live.server.url);
  await expect.poll(async () => (await received(page)).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);

  await page.getByRole("button", { name: "Drop connection" }).click();
  const marks = page.locator("#received .mark");
  await expect.poll(() => marks.first().textContent(), { timeout: 20_000 }).toMatch(/^Connected with Last-Event-ID \d+$/);
  const atResume = (await received(page)).length;
  await expect.poll(async () => (await received(page)).length, { timeout: 20_000 }).toBeGreaterThan(atResume + 2);
  const counts = await received(page);
  expect(counts).toEqual(counts.map((_, index) => counts[0]! + index));
  expect(await page.locator("#count").textContent()).toBe(String(counts.at(-1)));
  await screenshot(page, "resume-example-after-drop-1440");

  await page.getByRole("button", { name: "Lose more than the history" }).click();
  await expect.poll(() => page.locator(".reset").textContent(), { timeout: 20_000 }).toMatch(/is not in this channel's history/);
  const later = (await received(page)).at(-1)!;
  await expect.poll(async () => Number(await page.locator("#count").textContent()), { timeout: 20_000 }).toBeGreaterThan(later + 20);
  expect(requests.filter((request) => new URL(request.url()).pathname === "/events").length).toBeGreaterThanOrEqual(3);
  expect(foreignRequests(requests)).toEqual([]);
  await screenshot(page, "resume-example-after-reset-1440");
  await page.close();
});

it("reads well on a narrow screen in dark mode", async () => {
  const page = await live.browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
  await page.goto(live.server.url);
  await expect.poll(async () => (await received(page)).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  await screenshot(page, "resume-example-390-dark");
  await page.close();
});
