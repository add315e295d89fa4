import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Listening } from "chirp";
import { DEFAULT_RUN_DOMAIN } from "../../server/hosting-options.ts";
import { createServer } from "../../server/main.ts";
import { freePort } from "../../scripts/free-port.ts";
import { launchChromium } from "../support/browser.ts";
import { openEditor } from "../support/docs-in-chromium.ts";
import { SCREENSHOT_DIR } from "../support/screenshots.ts";

const PAGE = "/docs/examples/sse/";

/**
 * The docs server in public mode, with limits small enough to reach: 3 runs a minute and 2 open feeds per address.
 * Its public URL is its own loopback address, so the runs' host names (`<run-id>.run.localhost:<port>`) reach it.
 */
let server: Listening;
let browser: Browser;
beforeAll(async () => {
  const port = await freePort();
  const docs = await createServer({ hosting: { readOnly: true, publicUrl: `http://127.0.0.1:${port}`, runDomain: DEFAULT_RUN_DOMAIN, trustProxy: false, runsPerMinute: 3, streamsPerIp: 2 } });
  [browser, server] = await Promise.all([launchChromium(), docs.app.listen({ port })]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A reader: a browser context of their own, on the SSE example page, at `width` px. */
async function reader(width = 1440): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(new URL(PAGE, server.url).href);
  return page;
}

const status = (page: Page) => page.locator(".wb-status").textContent();
const message = (page: Page) => page.getByRole("region", { name: "Live output" }).locator(".wb-message").textContent();
const frameEvents = (page: Page) => page.getByRole("region", { name: "Event frames" }).locator(".wb-frame .wb-event").allTextContents();

/**
 * Saves the workbench at 1440 px and at 390 px as `name-1440.png` and `name-390.png`
 * (test-results/screenshots); `show` brings the state about again at each width.
 */
async function atBothWidths(page: Page, name: string, show: () => Promise<void> = async () => {}): Promise<void> {
  const workbench = page.locator("#workbench");
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await show();
    // Transitions finished at once: the menu slides out of a page narrowed to 390 px.
    await workbench.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${width}.png`), animations: "disabled" });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe("the workbench of a public server", () => {
  it("says runs are shared, keeps edits from running, and shows the per-address limits when they are reached", async () => {
    const first = await reader();
    await expect.poll(() => first.locator(".wb-note").textContent()).toMatch(/public server: .* one process every reader shares/);
    await expect.poll(() => frameEvents(first), { timeout: 30_000 }).toContain("status");

    // The editor does not take edits, and says why.
    await openEditor(first);
    const typeInEditor = async () => {
      await first.locator(".monaco-editor .view-lines").first().click();
      await first.keyboard.type("typed");
      await expect.poll(() => first.locator(".monaco-editor").textContent()).toContain("Editing is off here: this server runs the examples as written");
    };
    await typeInEditor();
    expect(await first.locator(".monaco-editor .view-lines").first().textContent()).not.toContain("typed");
    await atBothWidths(first, "workbench-public-read-only", typeInEditor);

    // A second reader watches too: two feeds open from this address, the limit.
    const second = await reader();
    await expect.poll(() => frameEvents(second), { timeout: 30_000 }).toContain("status");

    // A third page's run starts (the third start this minute), but its feed is over the open-streams limit.
    const third = await reader();
    await expect.poll(() => status(third), { timeout: 30_000 }).toBe("Not watching");
    expect(await message(third)).toContain("Too many open streams from your address: at most 2 at once");
    expect(await third.getByRole("region", { name: "Event frames" }).locator(".wb-empty").textContent()).toContain("this page could not follow the run");
    await atBothWidths(third, "workbench-public-streams-limit");

    // A fourth start within the minute is refused, and the reader is told when to try again.
    await third.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => status(third), { timeout: 30_000 }).toBe("Refused");
    expect(await message(third)).toMatch(/429: Too many runs from your address: at most 3 a minute on this public server\. Try again in \d+ s\./);
    // Its type check is over the limit alike (type checks are counted apart, as many): the Check pane says so, not "No type errors".
    const typeCheck = third.getByRole("region", { name: "Check" }).locator(".wb-check-summary").first();
    await expect.poll(() => typeCheck.textContent(), { timeout: 30_000 }).toMatch(/^The types could not be checked: 429: Too many type checks from your address: at most 3 a minute/);
    await atBothWidths(third, "workbench-public-runs-limit");
    await third.emulateMedia({ colorScheme: "dark" });
    await third.locator("#workbench").screenshot({ path: path.join(SCREENSHOT_DIR, "workbench-public-runs-limit-1440-dark.png"), animations: "disabled" });
  });
});
