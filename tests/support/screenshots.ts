import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

/** Folder for screenshots taken during tests (ignored by git), to look at after a run. */
export const SCREENSHOT_DIR = path.resolve("test-results/screenshots");

/** Saves a full-page PNG named `name` under test-results/screenshots and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
