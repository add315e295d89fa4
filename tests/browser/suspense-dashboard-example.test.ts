import { expect, it } from "vitest";
import { app } from "../../examples/suspense-dashboard/app.ts";
import { foreignRequests, recordRequests } from "../support/browser.ts";
import { appInChromium } from "../support/app-in-chromium.ts";
import { screenshot } from "../support/screenshots.ts";

const live = appInChromium(async () => {
  process.env.DASHBOARD_DELAY = "0.5";
  return app.listen({ port: 0 });
});

/** Records, in the page, whether all three tiles were seen loading at once, and the order in which they leave that state. */
function recordArrivals(): void {
  const arrivals: string[] = [];
  const seen: { arrivals: string[]; allLoading: boolean } = { arrivals, allLoading: false };
  (window as unknown as { seen: typeof seen }).seen = seen;
  new MutationObserver(() => {
    if (document.querySelectorAll(".tile[data-state=loading][aria-busy=true]").length === 3) seen.allLoading = true;
    for (const tile of document.querySelectorAll<HTMLElement>(".tile:not([data-state=loading])")) {
      if (!arrivals.includes(tile.id)) arrivals.push(tile.id);
    }
  }).observe(document, { childList: true, subtree: true });
}

it("shows the shell with placeholders, then fills the tiles in the order their sources answer; the failing one shows its error", async () => {
  const page = await live.browser.newPage({ viewport: { width: 1440, height: 900 } });
  const requests = recordRequests(page);
  await page.addInitScript(recordArrivals);
  await page.goto(live.server.url, { waitUntil: "commit" });

  await expect.poll(() => page.locator(".tile").count()).toBe(3);
  expect(await page.locator("h1").textContent()).toBe("Sales today");
  await screenshot(page, "suspense-dashboard-loading-1440");

  const seen = () => page.evaluate(() => (window as unknown as { seen: { arrivals: string[]; allLoading: boolean } }).seen);
  await expect.poll(async () => (await seen()).arrivals, { timeout: 15_000 }).toEqual(["orders", "revenue", "inventory"]);
  // The shell was on screen, every tile loading, before the first one was filled in.
  expect((await seen()).allLoading).toBe(true);
  expect(await page.locator("#orders .figure").textContent()).toBe("312");
  expect(await page.locator("#revenue .figure").textContent()).toBe("€48,210");
  expect(await page.locator("#inventory").getAttribute("data-state")).toBe("failed");
  expect(await page.getByRole("alert").textContent()).toBe("Stock is unavailable: The stock service did not answer in time.");
  expect(await page.locator('.tile[aria-busy="true"]').count()).toBe(0);
  // The swap templates and scripts remove themselves.
  expect(await page.locator("template, body script").count()).toBe(0);
  expect(foreignRequests(requests)).toEqual([]);
  await page.evaluate(() => Promise.all(document.getAnimations().filter((one) => one.effect?.getTiming().iterations !== Infinity).map((one) => one.finished)));
  await screenshot(page, "suspense-dashboard-done-1440");
  await page.close();
});

it("reads well on a phone in dark mode, error tile included", async () => {
  const page = await live.browser.newPage({ viewport: { width: 390, height: 800 }, colorScheme: "dark" });
  await page.goto(live.server.url);
  expect(await page.locator("#inventory").getAttribute("data-state")).toBe("failed");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  await screenshot(page, "suspense-dashboard-390-dark");
  await page.close();
});
