import { expect, it } from "vitest";
import { app } from "../../examples/chat/app.ts";
import { foreignRequests, recordRequests } from "../support/browser.ts";
import { appInChromium } from "../support/app-in-chromium.ts";
import { screenshot } from "../support/screenshots.ts";

const live = appInChromium(() => app.listen({ port: 0 }));

it("shows a message typed in one tab in both, and who is here in each", async () => {
  const context = await live.browser.newContext({ viewport: { width: 1440, height: 800 } });
  const [one, two] = [await context.newPage(), await context.newPage()];
  const requests = recordRequests(one);
  await one.goto(live.server.url);
  await two.goto(live.server.url);
  const names = await Promise.all([one, two].map((page) => page.locator(".you strong").textContent()));
  for (const page of [one, two]) {
    await expect.poll(() => page.locator("#people li").allTextContents(), { timeout: 20_000 }).toEqual([...names].sort());
  }

  await one.getByLabel("Message", { exact: true }).click();
  await one.keyboard.type("Hello from the first tab");
  await one.keyboard.press("Enter");
  for (const page of [one, two]) {
    await expect.poll(() => page.locator("#messages li:not(.empty)").last().textContent(), { timeout: 20_000 }).toBe(`${names[0]}Hello from the first tab`);
  }
  await expect.poll(() => one.getByLabel("Message", { exact: true }).inputValue()).toBe("");
  await screenshot(two, "chat-example-1440");

  await two.close();
  await expect.poll(() => one.locator("#people li").allTextContents(), { timeout: 20_000 }).toEqual([names[0]]);
  expect(foreignRequests(requests)).toEqual([]);
  await context.close();
});

it("reads well on a narrow screen in dark mode, with the earlier messages shown to a newcomer", async () => {
  const page = await live.browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
  await page.goto(live.server.url);
  await expect.poll(() => page.locator("#messages li:not(.empty)").count()).toBeGreaterThanOrEqual(1);
  await expect.poll(() => page.locator("#people li").count(), { timeout: 20_000 }).toBe(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  await screenshot(page, "chat-example-390-dark");
  await page.close();
});
