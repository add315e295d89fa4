import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Listening } from "chirp";
import type { Site } from "../../server/docs/site.ts";
import { createServer } from "../../server/main.ts";
import { axeViolations } from "../support/axe.ts";
import { launchChromium } from "../support/browser.ts";
import { openEditor } from "../support/docs-in-chromium.ts";

/** The four ways every page is checked: both themes, desktop and phone widths. */
const VIEWS = [
  { theme: "light", width: 1280, height: 860 },
  { theme: "dark", width: 1280, height: 860 },
  { theme: "light", width: 375, height: 740 },
  { theme: "dark", width: 375, height: 740 },
] as const;

let browser: Browser;
let server: Listening;
let site: Site;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  const docs = await createServer();
  site = docs.site.current();
  [browser, server] = await Promise.all([launchChromium(), docs.app.listen({ port: 0 })]);
  // One context per view, shared by every page: a fresh page in it is cheap.
  for (const view of VIEWS) {
    contexts.push(await browser.newContext({ viewport: { width: view.width, height: view.height }, colorScheme: view.theme, reducedMotion: "reduce" }));
  }
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits until the run the workbench started (at load, or by Run) has started, or has said why not: the status is past "Building and starting". */
async function running(page: Page): Promise<void> {
  await page.locator(".wb-status[data-state]:not([data-state=busy])").waitFor({ timeout: 90_000 });
}

/**
 * Checks one page in one view: as loaded (an example page's workbench mounted and
 * its first run going); for an example page again after Run, then after Run with
 * the editor open (Monaco loads when the reader reaches the Source pane).
 */
async function check(url: string, index: number): Promise<string[]> {
  const view = VIEWS[index]!;
  const where = `${url} ${view.theme} ${view.width}px`;
  const page = await contexts[index]!.newPage();
  try {
    await page.goto(new URL(url, server.url).href);
    const example = (await page.locator("#workbench[data-example]").count()) > 0;
    if (example) await running(page);
    const found = (await axeViolations(page)).map((line) => `${where}: ${line}`);
    if (example) {
      await page.getByRole("button", { name: "Run", exact: true }).click();
      await running(page);
      found.push(...(await axeViolations(page)).map((line) => `${where} after Run: ${line}`));
      await openEditor(page);
      found.push(...(await axeViolations(page)).map((line) => `${where} after Run, editor open: ${line}`));
    }
    return found;
  } finally {
    await page.close();
  }
}

/** Checks every page in all four views (each view has its own context, so a page's four run at once); one line per violation. */
async function checkAll(pages: string[]): Promise<string[]> {
  const report: string[] = [];
  for (const url of pages) {
    for (const found of await Promise.all(VIEWS.map((_, index) => check(url, index)))) report.push(...found);
  }
  return report;
}

describe("axe on every docs page", () => {
  // Every page the site has, so pages added later are checked too.
  const pages = () => site.pages.filter((page) => !page.example).map((page) => page.url);
  const examples = () => site.pages.filter((page) => page.example).map((page) => page.url);

  it("finds no violations on any docs page, in both themes, at 1280 and 375 px", async () => {
    expect(pages()).toContain("/");
    expect(await checkAll(pages())).toEqual([]);
  }, 600_000);

  it("finds no violations on any example page (workbench loaded, after Run, and after Run with the editor open), in both themes, at 1280 and 375 px", async () => {
    expect(examples().length).toBeGreaterThan(1);
    expect(await checkAll(examples())).toEqual([]);
  }, 900_000);
});
