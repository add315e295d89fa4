import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { axeViolations } from "../support/axe.ts";
import { docsInChromium, exampleFiles, openEditor, replaceCode } from "../support/docs-in-chromium.ts";

const docs = docsInChromium();

const TEMPLATE = "templates/feed.html";
const LAYOUT = "templates/base.html";

/** The example's template with `sse-swap` moved onto the `sse-connect` element, and the line that element is on. */
async function selfSwapTemplate(page: Page): Promise<{ text: string; line: number }> {
  const original = (await exampleFiles(page, "sse"))[TEMPLATE]!;
  const text = original
    .replace('sse-connect="/events"', 'sse-connect="/events" sse-swap="notification"')
    .replace('<ol id="feed" sse-swap="notification"', '<ol id="feed"');
  return { text, line: text.split("\n").findIndex((row) => row.includes("sse-connect")) + 1 };
}

it("lists the wiring issues of each Run under the panes; clicking one opens its file at its line", async () => {
  const context = await docs.browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  await page.goto(new URL("/docs/examples/sse/", docs.server.url).href);
  const check = page.getByRole("region", { name: "Check" });
  const source = page.getByRole("region", { name: "Source" });
  await expect.poll(() => check.getByRole("status").textContent(), { timeout: 20_000 }).toBe("No wiring issues");

  // Move sse-swap onto the sse-connect element in the template, as a person would, and Run.
  const { text, line } = await selfSwapTemplate(page);
  await openEditor(page);
  await source.getByRole("tab", { name: TEMPLATE }).click();
  await replaceCode(page, text);
  await page.getByRole("button", { name: "Run", exact: true }).click();

  const issue = check.getByRole("button", { name: /sse-self-swap/ });
  await expect.poll(() => issue.count(), { timeout: 20_000 }).toBe(1);
  expect(await issue.textContent()).toContain(`${TEMPLATE}:${line}`);
  expect(await check.getByRole("status").textContent()).toMatch(/1 error/);

  // Elsewhere in the editor first, then the issue brings it to the template's line.
  await source.getByRole("tab", { name: "app.ts" }).click();
  await issue.click();
  await expect.poll(() => source.getByRole("tab", { name: TEMPLATE }).getAttribute("aria-selected")).toBe("true");
  await expect.poll(() => page.locator(".monaco-editor .line-numbers.active-line-number").textContent()).toBe(String(line));
  await page.locator("#workbench").screenshot({ path: "test-results/screenshots/workbench-1600-check.png" });

  // The keyboard too: Enter on the issue.
  await source.getByRole("tab", { name: "app.ts" }).click();
  await issue.focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => page.locator(".monaco-editor .line-numbers.active-line-number").textContent()).toBe(String(line));

  // The edit is saved: a narrow page in the dark opens with it, runs it and lists the issue again.
  const narrow = await context.newPage();
  await narrow.setViewportSize({ width: 390, height: 1000 });
  await narrow.emulateMedia({ colorScheme: "dark" });
  await narrow.goto(page.url());
  const again = narrow.getByRole("region", { name: "Check" }).getByRole("button", { name: /sse-self-swap/ });
  await expect.poll(() => again.count(), { timeout: 20_000 }).toBe(1);
  await openEditor(narrow);
  await narrow.locator("#workbench").screenshot({ path: "test-results/screenshots/workbench-390-dark-check.png" });
  await context.close();
}, 90_000);

it("warns, as a person types it, when the example's sse-connect sits under an hx-target its swaps would inherit", async () => {
  const context = await docs.browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await page.goto(new URL("/docs/examples/sse/", docs.server.url).href);
  const check = page.getByRole("region", { name: "Check" });
  const source = page.getByRole("region", { name: "Source" });
  await expect.poll(() => check.getByRole("status").textContent(), { timeout: 20_000 }).toBe("No wiring issues");

  // Type hx-target="#feed" into the layout's <main>, which holds the page's sse-connect section.
  const files = await exampleFiles(page, "sse");
  const mainLine = files[LAYOUT]!.split("\n").findIndex((row) => row.trim() === "<main>") + 1;
  const connectLine = files[TEMPLATE]!.split("\n").findIndex((row) => row.includes("sse-connect")) + 1;
  await openEditor(page);
  await source.getByRole("tab", { name: LAYOUT }).click();
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+G");
  await page.keyboard.type(String(mainLine));
  await page.keyboard.press("Enter");
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.type(' hx-target="#feed');
  await expect
    .poll(() => page.evaluate(() => Object.keys(localStorage).some((key) => key.startsWith("chirp-workbench:") && localStorage.getItem(key)!.includes('<main hx-target=\\"#feed\\">'))))
    .toBe(true);
  await page.getByRole("button", { name: "Run", exact: true }).click();

  const issue = check.getByRole("button", { name: /sse-inherited-target/ });
  await expect.poll(() => issue.count(), { timeout: 20_000 }).toBe(1);
  expect(await issue.textContent()).toContain(`${TEMPLATE}:${connectLine}`);
  expect(await issue.textContent()).toContain('inherits hx-target="#feed"');
  expect(await check.getByRole("status").textContent()).toBe("1 wiring issue, 0 errors");
  await page.locator("#workbench").screenshot({ path: "test-results/screenshots/workbench-1440-inherited-target.png" });
  // Its WARNING badge can be read in both themes.
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await axeViolations(page), scheme).toEqual([]);
  }
  await context.close();
}, 90_000);
