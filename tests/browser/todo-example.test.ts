import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { app } from "../../examples/todo/app.ts";
import { foreignRequests, recordRequests } from "../support/browser.ts";
import { appInChromium } from "../support/app-in-chromium.ts";
import { screenshot } from "../support/screenshots.ts";

const live = appInChromium(() => app.listen({ port: 0 }));

/** Marks the document, to tell a swap (marker kept) from a page load (marker gone). */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { marked: boolean }).marked = true));
const stillMarked = (page: Page) => page.evaluate(() => (window as unknown as { marked?: boolean }).marked === true);

it("adds, checks off and deletes with htmx; the count badge follows out of band; an empty title shows its error in place", async () => {
  const page = await live.browser.newPage({ viewport: { width: 1440, height: 900 } });
  const requests = recordRequests(page);
  await page.goto(live.server.url);
  await mark(page);
  const count = page.locator("#count");
  await expect.poll(() => count.textContent()).toBe("2 left");

  await page.getByLabel("New todo").click();
  await page.keyboard.type("Call mum");
  await page.keyboard.press("Enter");
  await expect.poll(() => page.locator("#todo-list li .title").allTextContents()).toEqual(["Buy oat milk", "Water the plants", "Call mum"]);
  await expect.poll(() => count.textContent()).toBe("3 left");
  expect(await page.getByLabel("New todo").inputValue()).toBe("");

  await page.getByRole("button", { name: "Done: Buy oat milk" }).click();
  await expect.poll(() => count.textContent()).toBe("2 left");
  expect(await page.getByRole("button", { name: "Done: Buy oat milk" }).getAttribute("aria-pressed")).toBe("true");

  // An empty title: the 422 is swapped in place of the form, the message under the field, focus back in it.
  await page.getByLabel("New todo").click();
  await page.keyboard.type("   ");
  await page.keyboard.press("Enter");
  const error = page.locator("#title-error");
  await expect.poll(() => error.textContent()).toBe("Give the todo a title.");
  expect(await page.getByLabel("New todo").getAttribute("aria-invalid")).toBe("true");
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("title");
  expect(await page.locator("form#new-todo").count()).toBe(1);
  await screenshot(page, "todo-example-validation-1440");

  // Typing a title after the error clears it.
  await page.keyboard.type("Book the dentist");
  await page.keyboard.press("Enter");
  await expect.poll(() => count.textContent()).toBe("3 left");
  expect(await error.count()).toBe(0);

  await page.getByRole("button", { name: "Delete Water the plants" }).click();
  await expect.poll(() => count.textContent()).toBe("2 left");
  expect(await page.locator("#todo-list li .title").allTextContents()).toEqual(["Buy oat milk", "Call mum", "Book the dentist"]);
  expect(await stillMarked(page)).toBe(true);
  expect(foreignRequests(requests)).toEqual([]);
  await screenshot(page, "todo-example-1440");
  await page.close();
});

it("works with JavaScript off: plain posts redirect back, an empty title answers the whole page with its error", async () => {
  const context = await live.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 }, colorScheme: "dark" });
  const page = await context.newPage();
  await page.goto(live.server.url);
  await page.getByLabel("New todo").click();
  await page.keyboard.type("No script needed");
  await Promise.all([page.waitForURL(live.server.url), page.keyboard.press("Enter")]);
  await expect.poll(() => page.locator("#todo-list li .title").allTextContents()).toContain("No script needed");
  const left = Number.parseInt((await page.locator("#count").textContent()) ?? "", 10);

  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Done: No script needed" }).click()]);
  await expect.poll(() => page.locator("#count").textContent()).toBe(`${left - 1} left`);

  const [response] = await Promise.all([page.waitForResponse((one) => one.request().method() === "POST"), page.getByRole("button", { name: "Add" }).click()]);
  expect(response.status()).toBe(422);
  await expect.poll(() => page.locator("#title-error").textContent()).toBe("Give the todo a title.");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  await screenshot(page, "todo-example-no-js-390-dark");
  await context.close();
});
