import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { docsInChromium, openEditor } from "../support/docs-in-chromium.ts";

const docs = docsInChromium();

/** The text of `file` as the workbench saved it after the last edit. */
function savedFile(page: Page, file: string): Promise<string> {
  return page.evaluate((name) => (JSON.parse(localStorage.getItem("chirp-workbench:sse") ?? "{}") as Record<string, string>)[name] ?? "", file);
}

function searchOpen(page: Page): Promise<boolean> {
  return page.locator("#search").evaluate((dialog) => (dialog as HTMLDialogElement).open);
}

/** Puts the cursor at the end of the open file in Monaco, on a new line. */
async function endOfFile(page: Page): Promise<void> {
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.press("Enter");
}

for (const width of [1440, 390]) {
  it(`at ${width} px, a division, comments, a closing tag, Ctrl+K and Enter typed into the editor stay in the editor; / outside it opens the search`, async () => {
    const context = await docs.browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const address = new URL("/docs/examples/sse/", docs.server.url).href;
    await page.goto(address);
    await openEditor(page);

    await endOfFile(page);
    await page.keyboard.type("const a = 6 / 3; // x");
    await page.keyboard.press("ControlOrMeta+K");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Enter");
    await page.keyboard.type("// a comment / with slashes");
    await page.keyboard.press("Enter");
    await expect.poll(() => savedFile(page, "app.ts")).toContain("const a = 6 / 3; // x\n// a comment / with slashes\n");
    expect(await searchOpen(page)).toBe(false);

    await page.getByRole("tab", { name: "templates/feed.html" }).click();
    await endOfFile(page);
    await page.keyboard.type("<ul><li>one</li></ul>");
    await page.keyboard.press("Enter");
    await expect.poll(() => savedFile(page, "templates/feed.html")).toContain("<li>one</li>");
    expect(await searchOpen(page)).toBe(false);
    expect(page.url()).toBe(address);

    // Away from the editor the shortcut still works.
    await page.getByRole("region", { name: "Source" }).getByRole("heading").click();
    await page.keyboard.press("/");
    await expect.poll(() => searchOpen(page)).toBe(true);
    await context.close();
  }, 90_000);
}
