import { expect, it } from "vitest";
import { app } from "../../examples/search/app.ts";
import { foreignRequests, recordRequests } from "../support/browser.ts";
import { appInChromium } from "../support/app-in-chromium.ts";
import { screenshot } from "../support/screenshots.ts";

const live = appInChromium(() => app.listen({ port: 0 }));

it("shows results while typing, puts each query in the URL, and Back brings the previous query and results back", async () => {
  const page = await live.browser.newPage({ viewport: { width: 1440, height: 900 } });
  const requests = recordRequests(page);
  await page.goto(live.server.url);
  const summary = page.locator("#results .summary");
  const field = page.getByLabel("Name or symbol");
  expect(await summary.textContent()).toBe("Type to search the first 36 elements.");

  // One key at a time, waiting for each search: each query gets its own history entry.
  await field.click();
  await page.keyboard.type("n");
  await page.waitForURL(`${live.server.url}search?q=n`);
  await expect.poll(() => summary.textContent()).toMatch(/^\d+ elements match “n”\.$/);
  await page.keyboard.type("e");
  await page.waitForURL(`${live.server.url}search?q=ne`);
  await expect.poll(() => summary.textContent()).toBe("6 elements match “ne”.");
  expect(await page.locator("#results .symbol").allTextContents()).toEqual(["F", "Ne", "Mg", "Cl", "Mn", "Br"]);
  expect(await field.evaluate((input) => input === document.activeElement)).toBe(true);
  expect(await page.title()).toBe("Element search · chirp example");
  await screenshot(page, "search-example-1440");

  await page.goBack();
  await page.waitForURL(`${live.server.url}search?q=n`);
  await expect.poll(() => summary.textContent()).toMatch(/^\d+ elements match “n”\.$/);
  expect(await page.getByLabel("Name or symbol").inputValue()).toBe("n");

  await page.goForward();
  await page.waitForURL(`${live.server.url}search?q=ne`);
  await expect.poll(() => summary.textContent()).toBe("6 elements match “ne”.");

  const restores = requests.filter((request) => request.headers()["hx-history-restore-request"] === "true");
  expect(restores.length).toBeGreaterThanOrEqual(2);
  expect(foreignRequests(requests)).toEqual([]);
  await page.close();
});

it("opens a search URL directly, and reads well on a phone in dark mode", async () => {
  const page = await live.browser.newPage({ viewport: { width: 390, height: 800 }, colorScheme: "dark" });
  await page.goto(`${live.server.url}search?q=ne`);
  expect(await page.locator("#results .summary").textContent()).toBe("6 elements match “ne”.");
  expect(await page.getByLabel("Name or symbol").inputValue()).toBe("ne");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  await screenshot(page, "search-example-390-dark");
  await page.close();
});
