import { expect, it } from "vitest";
import { axeViolations } from "../support/axe.ts";
import { docsInChromium, exampleFiles, replaceCode } from "../support/docs-in-chromium.ts";

const docs = docsInChromium();

/** What the status says of a stream that the page opens again and again. */
const RECONNECTING = /^(Reconnecting \(\d+\)|Stream ended · reconnected \d+×)$/;

it("Share's note stays under Share while the streaming run's status changes beside Run, in both themes at 1440 and 390 px, and Escape hides it", async () => {
  const context = await docs.browser.newContext({ viewport: { width: 1440, height: 1000 }, colorScheme: "light" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  await page.goto(new URL("/docs/examples/sse/", docs.server.url).href);
  // A stream that ends without its close event: the page opens it again and again, and the status keeps changing.
  const original = (await exampleFiles(page, "sse"))["app.ts"]!;
  await replaceCode(page, original.replace('  sseCloseEvent: "close",\n', "").replace("? fromEnv : 1.5", "? fromEnv : 0.2"));
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const status = page.locator(".wb-status");
  await expect.poll(() => status.textContent(), { timeout: 40_000 }).toMatch(/^Reconnecting \(\d+\)$/);

  const share = page.getByRole("button", { name: "Share", exact: true });
  await share.focus();
  await page.keyboard.press("Enter");
  const note = page.locator(".wb-noted", { has: share }).getByRole("status");
  await expect.poll(() => note.textContent()).toBe("Link copied: it opens on this machine only");
  // The run goes on saying what it does beside Run; the note is not overwritten, and stays while Share has the focus.
  const before = await status.textContent();
  await expect.poll(() => status.textContent(), { timeout: 40_000 }).not.toBe(before);
  expect(await status.textContent()).toMatch(RECONNECTING);
  expect(await note.textContent()).toBe("Link copied: it opens on this machine only");
  expect(await note.isVisible()).toBe(true);

  for (const [width, scheme] of [[1440, "light"], [1440, "dark"], [390, "light"], [390, "dark"]] as const) {
    await page.setViewportSize({ width, height: 1000 });
    await page.emulateMedia({ colorScheme: scheme });
    expect(await note.isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    // The toolbar and what lies under the note.
    const box = (await page.locator("#workbench").boundingBox())!;
    await page.screenshot({ path: `test-results/screenshots/workbench-${width}-${scheme}-share-note.png`, fullPage: true, clip: { ...box, height: 320 } });
  }

  await page.keyboard.press("Escape");
  await expect.poll(() => note.isVisible()).toBe(false);
  expect(await share.evaluate((button) => button === document.activeElement)).toBe(true);

  // Copy as LLM text says what it copied under its own button the same way.
  const llm = page.getByRole("button", { name: "Copy as LLM text", exact: true });
  await llm.focus();
  await page.keyboard.press("Enter");
  const llmNote = page.locator(".wb-noted", { has: llm }).getByRole("status");
  await expect.poll(() => llmNote.textContent()).toBe("Page copied as Markdown, with your edits");
  expect(await llmNote.isVisible()).toBe(true);
  expect(await status.textContent()).toMatch(RECONNECTING);
  await context.close();
}, 180_000);
