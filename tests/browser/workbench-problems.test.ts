import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { docsInChromium, exampleFiles, replaceCode } from "../support/docs-in-chromium.ts";

const docs = docsInChromium();

async function appTs(page: Page): Promise<string> {
  return (await exampleFiles(page, "sse"))["app.ts"]!;
}

for (const [width, scheme] of [[1440, "light"], [390, "dark"]] as const) {
  it(`at ${width} px (${scheme}), type errors are listed under the panes, counted beside Run, explained on hover, and the code still runs`, async () => {
    const context = await docs.browser.newContext({ viewport: { width, height: 1000 }, colorScheme: scheme });
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const page = await context.newPage();
    await page.goto(new URL("/docs/examples/sse/", docs.server.url).href);
    const original = await appTs(page);
    const lines = original.split("\n").length;
    await replaceCode(page, `${original}const wrong: number = "x";\nnew Template("feed.html", 42);\n`);

    // Hovering the squiggle says what is wrong.
    const squiggle = page.locator(".monaco-editor .squiggly-error").first();
    await expect.poll(() => squiggle.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await squiggle.hover({ force: true });
    await expect.poll(() => page.locator(".monaco-hover").filter({ hasText: "not assignable" }).count(), { timeout: 10_000 }).toBeGreaterThan(0);

    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => page.getByRole("button", { name: /^Ran with 2 type errors/ }).count(), { timeout: 60_000 }).toBe(1);
    // It runs all the same: the feed streams.
    await expect.poll(() => page.locator(".wb-frame .wb-event").allTextContents(), { timeout: 30_000 }).toContain("notification");
    const problems = page.getByRole("region", { name: "Check" }).getByRole("list", { name: "Type errors" }).getByRole("button");
    expect(await problems.allTextContents()).toEqual([
      expect.stringContaining(`Type 'string' is not assignable to type 'number'.app.ts:${lines}`),
      expect.stringContaining(`Argument of type 'number' is not assignable to parameter of type 'TemplateContext'.app.ts:${lines + 1}`),
    ]);
    await page.locator("#workbench").screenshot({ path: `test-results/screenshots/workbench-${width}-${scheme}-type-errors.png` });

    // The count leads to the list; a row leads to its line.
    await page.getByRole("button", { name: /^Ran with 2 type errors/ }).click();
    await expect.poll(() => problems.first().evaluate((row) => row === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".monaco-editor .line-numbers.active-line-number").textContent()).toBe(String(lines));

    // Test reports them too.
    await page.getByRole("button", { name: "Test" }).click();
    await expect.poll(() => page.locator(".wb-status").textContent(), { timeout: 60_000 }).toBe("Tests passed, with 2 type errors");
    await context.close();
  }, 150_000);
}
