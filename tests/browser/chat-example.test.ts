import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Listening } from "chirp";
import { app } from "../../examples/chat/app.ts";
import { foreignRequests, launchChromium, recordRequests } from "../support/browser.ts";
import { screenshot } from "../support/screenshots.ts";

let browser: Browser;
let server: Listening;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), app.listen({ port: 0 })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it("shows a message typed in one tab in both, and who is here in each", async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 800 } });
  const [one, two] = [await context.newPage(), await context.newPage()];
  const requests = recordRequests(one);
  await one.goto(server.url);
  await two.goto(server.url);
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
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
  await page.goto(server.url);
  await expect.poll(() => page.locator("#messages li:not(.empty)").count()).toBeGreaterThanOrEqual(1);
  await expect.poll(() => page.locator("#people li").count(), { timeout: 20_000 }).toBe(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  await screenshot(page, "chat-example-390-dark");
  await page.close();
});
