import { expect, it } from "vitest";
import { app } from "../../examples/dashboard/app.ts";
import { foreignRequests, recordRequests } from "../support/browser.ts";
import { appInChromium } from "../support/app-in-chromium.ts";
import { screenshot } from "../support/screenshots.ts";

// Runs once per htmx version (vitest's "htmx 4" project sets CHIRP_HTMX=4): the same app source, the same screen.
const htmx = app.config.htmx;
const live = appInChromium(async () => {
  process.env.DASHBOARD_TICK_MS = "200";
  return app.listen({ port: 0 });
});

it(`updates the tiles, the sparkline and the log from one stream, for two readers at once (htmx ${htmx})`, async () => {
  const context = await live.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const [one, two] = [await context.newPage(), await context.newPage()];
  const requests = recordRequests(one);
  await Promise.all([one.goto(live.server.url), two.goto(live.server.url)]);
  for (const page of [one, two]) {
    await expect.poll(() => page.locator("#log li .seq").count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await expect.poll(() => page.locator("polyline").getAttribute("points")).toMatch(/ /);
  }
  await expect.poll(() => one.getByText(/^2 readers$/).count(), { timeout: 20_000 }).toBe(1);
  await screenshot(one, `dashboard-example-htmx${htmx}-1440`);
  await expect.poll(() => one.locator("#log li").count(), { timeout: 30_000 }).toBe(20);
  // Each panel is replaced, never nested inside its old self: one log, one chart, four tiles.
  expect(await one.locator("ol").count()).toBe(1);
  expect(await one.locator("svg").count()).toBe(1);
  expect(await one.locator("#tiles > .panel").count()).toBe(4);
  expect(foreignRequests(requests)).toEqual([]);
  await context.close();
});

it(`reads well on a narrow screen in dark mode (htmx ${htmx})`, async () => {
  const page = await live.browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
  await page.goto(live.server.url);
  await expect.poll(() => page.locator("#log li .seq").count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  await screenshot(page, `dashboard-example-htmx${htmx}-390-dark`);
  await page.close();
});
