import { expect, it } from "vitest";
import { answerTokens, app, endings } from "../../examples/llm-stream/app.ts";
import { foreignRequests, recordRequests } from "../support/browser.ts";
import { appInChromium } from "../support/app-in-chromium.ts";
import { screenshot } from "../support/screenshots.ts";

// Runs once per htmx version (vitest's "htmx 4" project sets CHIRP_HTMX=4): the same app source, the same screen.
const htmx = app.config.htmx;
const live = appInChromium(async () => {
  process.env.LLM_TOKEN_MS = "120";
  return app.listen({ port: 0 });
});

it(`streams an answer with a typing cursor; Stop ends it and the server's generator finishes (htmx ${htmx})`, async () => {
  const page = await live.browser.newPage({ viewport: { width: 1440, height: 900 } });
  const requests = recordRequests(page);
  await page.goto(live.server.url);
  await page.getByLabel("Your question").click();
  await page.keyboard.type("What is a token?");
  await page.keyboard.press("Enter");

  const answer = page.locator("article").first();
  await expect.poll(() => answer.locator("h2").textContent()).toBe("What is a token?");
  await expect.poll(async () => ((await answer.locator(".text").textContent()) ?? "").split(" ").length, { timeout: 20_000 }).toBeGreaterThan(4);
  expect(await answer.locator(".cursor").isVisible()).toBe(true);
  await screenshot(page, `llm-stream-example-htmx${htmx}-streaming-1440`);

  await answer.getByRole("button", { name: "Stop" }).click();
  await expect.poll(() => answer.locator(".status").textContent(), { timeout: 20_000 }).toMatch(/^Stopped after \d+ tokens\.$/);
  expect(await answer.locator(".cursor").isVisible()).toBe(false);
  // The form was emptied for the next question once the answer came back.
  expect(await page.getByLabel("Your question").inputValue()).toBe("");
  const shown = (await answer.locator(".text").textContent()) ?? "";
  expect(shown.length).toBeLessThan(answerTokens("What is a token?").join("").length);
  expect([...endings.values()].at(-1)).toBe("stopped");
  await screenshot(page, `llm-stream-example-htmx${htmx}-stopped-1440`);
  expect(foreignRequests(requests)).toEqual([]);
  await page.close();
});

it(`finishes an answer on its own on a narrow screen in dark mode (htmx ${htmx})`, async () => {
  process.env.LLM_TOKEN_MS = "5";
  const page = await live.browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
  await page.goto(live.server.url);
  await page.getByLabel("Your question").click();
  await page.keyboard.type("Short?");
  await page.getByRole("button", { name: "Ask" }).click();
  await expect.poll(() => page.locator("article .status").textContent(), { timeout: 20_000 }).toBe(`Finished after ${answerTokens("Short?").length} tokens.`);
  expect(await page.locator("article .cursor").isVisible()).toBe(false);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  await screenshot(page, `llm-stream-example-htmx${htmx}-390-dark`);
  await page.close();
});
