import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { docsInChromium, exampleFiles, replaceCode } from "../support/docs-in-chromium.ts";

const docs = docsInChromium();

async function appTs(page: Page): Promise<string> {
  return (await exampleFiles(page, "sse"))["app.ts"]!;
}

for (const [width, scheme] of [[1440, "light"], [390, "dark"]] as const) {
  it(`at ${width} px (${scheme}), a failing test's diff is plain text in a box tall enough to read it`, async () => {
    const context = await docs.browser.newContext({ viewport: { width, height: 1000 }, colorScheme: scheme });
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const page = await context.newPage();
    await page.goto(new URL("/docs/examples/sse/", docs.server.url).href);
    await replaceCode(page, (await appTs(page)).replace("New deployment started.", "Edited, so a test fails."));
    await page.getByRole("button", { name: "Test" }).click();
    const results = page.getByRole("region", { name: "Tests" }).locator(".wb-tests");
    await expect.poll(() => results.locator(".wb-tests-summary").textContent(), { timeout: 50_000 }).toMatch(/1 failed$/);
    const failure = results.locator(".wb-fail pre");
    const text = (await failure.textContent()) ?? "";
    expect(text).toContain('-     "New deployment started.",');
    expect(text).toContain('+     "Edited, so a test fails.",');
    expect(text).not.toMatch(/\u001b|\[3\dm/);
    // The whole diff shows without scrolling the box it sits in.
    const box = await results.evaluate((element) => ({ client: element.clientHeight, scroll: element.scrollHeight }));
    expect(box.scroll).toBeLessThanOrEqual(box.client + 1);
    await results.scrollIntoViewIfNeeded();
    await page.locator("#workbench").screenshot({ path: `test-results/screenshots/workbench-${width}-${scheme}-test-failed.png` });
    await context.close();
  }, 90_000);
}
