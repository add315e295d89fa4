import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { docsInChromium, openEditor } from "../support/docs-in-chromium.ts";

const docs = docsInChromium();

const LONG = "// a comment long enough to run well past the right edge of the Source pane at any width, as real code sometimes does";

/** Types a long line at the end of app.ts, as a person would. */
async function typeLongLine(page: Page): Promise<void> {
  await openEditor(page);
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type(LONG);
}

/** How far the editor's vertical scrollbar sits from the editor's right edge (0 when in place). */
function scrollbarDrift(page: Page): Promise<number> {
  return page.locator(".monaco-editor").first().evaluate((editor) => {
    const bar = editor.querySelector(".scrollbar.vertical")!.getBoundingClientRect();
    return Math.round(editor.getBoundingClientRect().right - bar.right);
  });
}

it("keeps the editor's scrollbar at its edge when typing scrolls the code sideways", async () => {
  const context = await docs.browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await page.goto(new URL("/docs/examples/sse/", docs.server.url).href);
  await typeLongLine(page);
  await expect.poll(async () => (await page.locator(".monaco-editor .view-lines").first().textContent())?.replaceAll("\u00a0", " ")).toContain("right edge");
  expect(await scrollbarDrift(page)).toBe(0);
  expect(await page.locator(".monaco-editor .editor-scrollable").first().evaluate((frame) => frame.scrollLeft)).toBe(0);
  await context.close();
}, 60_000);

it("shows the Run shortcut on the Run button, whose name stays Run", async () => {
  const context = await docs.browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await page.goto(new URL("/docs/examples/sse/", docs.server.url).href);
  const run = page.getByRole("button", { name: "Run", exact: true });
  expect(await run.textContent()).toBe("RunCtrl+Enter");
  expect(await run.getAttribute("aria-keyshortcuts")).toBe("Control+Enter Meta+Enter");
  await context.close();
}, 60_000);

for (const [width, scheme] of [[1440, "light"], [1440, "dark"], [390, "light"], [390, "dark"]] as const) {
  it(`at ${width} px (${scheme}), Wrap wraps long lines and Wide gives Source the whole width`, async () => {
    const context = await docs.browser.newContext({ viewport: { width, height: 1000 }, colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(new URL("/docs/examples/sse/", docs.server.url).href);
    await typeLongLine(page);
    const source = page.getByRole("region", { name: "Source" });
    const wrap = source.getByRole("button", { name: "Wrap" });
    await wrap.click();
    expect(await wrap.getAttribute("aria-pressed")).toBe("true");
    // Wrapped: no line is wider than the editor, and nothing scrolls sideways.
    await expect
      .poll(() =>
        page.locator(".monaco-editor").first().evaluate((editor) => {
          const widest = Math.max(...[...editor.querySelectorAll(".view-line")].map((line) => (line.firstElementChild as HTMLElement).getBoundingClientRect().width));
          return widest <= editor.getBoundingClientRect().width;
        }),
      )
      .toBe(true);
    await page.locator("#workbench").screenshot({ path: `test-results/screenshots/workbench-${width}-${scheme}-word-wrap.png` });

    if (width > 900) {
      const workbench = (await page.locator("#workbench").boundingBox())!;
      await source.getByRole("button", { name: "Wide" }).click();
      await expect.poll(async () => (await source.boundingBox())!.width).toBeGreaterThan(workbench.width - 4);
      const live = (await page.getByRole("region", { name: "Live output" }).boundingBox())!;
      expect(live.y).toBeGreaterThan((await source.boundingBox())!.y + 100);
      await page.locator("#workbench").screenshot({ path: `test-results/screenshots/workbench-${width}-${scheme}-wide.png` });
    }
    await context.close();
  }, 60_000);
}
