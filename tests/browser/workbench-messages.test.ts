import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { docsInChromium, exampleFiles, liveFrame, openEditor, replaceCode } from "../support/docs-in-chromium.ts";

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

for (const [width, scheme] of [[1440, "light"], [390, "dark"]] as const) {
  it(`at ${width} px (${scheme}), an example that fails to start gives its message the live output's room, not a strip under an empty frame`, async () => {
    const context = await docs.browser.newContext({ viewport: { width, height: 1000 }, colorScheme: scheme });
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const page = await context.newPage();
    await page.goto(new URL("/docs/examples/sse/", docs.server.url).href);
    const failing = `${await appTs(page)}\nfor (let line = 1; line <= 40; line++) console.error(\`start-up check \${line} of 40 failed: /a/rather/long/path/that/does/not/break/anywhere/settings-\${line}.json\`);\nthrow new Error("The settings could not be read.");\n`;
    await replaceCode(page, failing.replace("if (isMain(import.meta)) app.run();", ""));
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const live = page.getByRole("region", { name: "Live output" });
    const message = live.locator(".wb-message");
    await expect.poll(() => message.locator("p").textContent(), { timeout: 30_000 }).toMatch(/crashed/);
    const box = (await message.boundingBox())!;
    const viewport = (await live.locator(".wb-viewport").boundingBox())!;
    // The message gets the room the empty page would take, and nothing in it runs past the pane's edge.
    expect(box.height).toBeGreaterThan(viewport.height);
    expect(await message.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    await live.screenshot({ path: `test-results/screenshots/workbench-${width}-${scheme}-did-not-start.png` });
    await context.close();
  }, 90_000);
}

it("at 390 px, the 500 page of a template error wraps its long paths inside the live output", async () => {
  const context = await docs.browser.newContext({ viewport: { width: 390, height: 1000 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  await page.goto(new URL("/docs/examples/sse/", docs.server.url).href);
  await openEditor(page);
  await page.getByRole("region", { name: "Source" }).getByRole("tab", { name: "templates/feed.html" }).click();
  const template = (await exampleFiles(page, "sse"))["templates/feed.html"]!;
  await replaceCode(page, template.replace("<h1>", "<h1>{{ 'x' | no_such_filter }}"));
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const frame = await liveFrame(page);
  await expect.poll(() => frame.locator("h1").textContent(), { timeout: 30_000 }).toBe("500 Internal Server Error");
  expect(await frame.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await page.getByRole("region", { name: "Live output" }).screenshot({ path: "test-results/screenshots/workbench-390-light-500-page.png" });
  await context.close();
}, 90_000);
