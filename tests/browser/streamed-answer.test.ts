import { expect, it } from "vitest";
import { app } from "./fixtures/streamed-answer/app.ts";
import { foreignRequests, recordRequests } from "../support/browser.ts";
import { appInChromium } from "../support/app-in-chromium.ts";
import { screenshot } from "../support/screenshots.ts";

const live = appInChromium(() => app.listen({ port: 0 }));

it("htmx 4: a form post answered by an EventStream streams its fragments into the page", async () => {
  const page = await live.browser.newPage({ viewport: { width: 800, height: 400 } });
  const requests = recordRequests(page);
  await page.goto(live.server.url);
  await page.getByLabel("Question").click();
  await page.keyboard.type("what streams?");
  const posted = page.waitForResponse((response) => new URL(response.url()).pathname === "/ask");
  await page.keyboard.press("Enter");

  const response = await posted;
  expect(response.request().method()).toBe("POST");
  expect(response.headers()["content-type"]).toBe("text/event-stream; charset=utf-8");
  await expect.poll(() => page.locator("#state").textContent()).toBe("Done.");
  expect(await page.locator("#answer").textContent()).toBe("You asked: what streams?");
  expect(await page.locator("#answer span").count()).toBe(4);
  // The form itself was not replaced: the partials went to their own targets.
  expect(await page.getByLabel("Question").inputValue()).toBe("what streams?");
  await screenshot(page, "streamed-answer-htmx4");
  expect(foreignRequests(requests)).toEqual([]);
  await page.close();
});
