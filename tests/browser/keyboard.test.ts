import type { ElementHandle, Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { docsInChromium } from "../support/docs-in-chromium.ts";
import { screenshot } from "../support/screenshots.ts";

const docs = docsInChromium();

/** The most Tab presses a walk may take to reach the next stop (the sidebar alone has dozens of links). */
const MAX_TABS = 120;

/**
 * What the screenshot of `target` shows, with a margin wide enough for a focus ring
 * drawn outside it; nothing (an empty buffer) when no part of it is in the viewport.
 */
async function looks(page: Page, target: Locator | ElementHandle): Promise<Buffer> {
  const box = await target.boundingBox();
  const viewport = page.viewportSize()!;
  const margin = 5;
  if (!box) return Buffer.alloc(0);
  const x = Math.max(0, box.x - margin);
  const y = Math.max(0, box.y - margin);
  const width = Math.min(viewport.width, box.x + box.width + margin) - x;
  const height = Math.min(viewport.height, box.y + box.height + margin) - y;
  return width > 0 && height > 0 ? page.screenshot({ clip: { x, y, width, height } }) : Buffer.alloc(0);
}

/** True when the focused element (or, for the editor, the element holding focus) is `target` or inside it. */
function holdsFocus(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === document.activeElement || element.contains(document.activeElement));
}

/** Tab stops passed on the way whose look did not change when the focus left them: they show no focus ring. */
const ringless: string[] = [];
/** How many stops passed on the way were compared. */
let compared = 0;

/**
 * The focused element and how it looks, to compare once Tab has left it; none for
 * the page itself and the editor (whose own stop {@link tabTo} checks with its ring).
 */
async function focusedStop(page: Page): Promise<{ element: ElementHandle<Element>; name: string; focused: Buffer } | undefined> {
  const element = (await page.evaluateHandle(() => document.activeElement)).asElement();
  if (!element || (await element.evaluate((node) => node === document.body || node.closest(".monaco-editor") !== null))) return undefined;
  const name = await element.evaluate((node) => `<${node.localName}${node.className ? ` class="${String(node.className)}"` : ""}> ${(node.getAttribute("aria-label") ?? node.textContent ?? "").trim().slice(0, 40)}`);
  return { element, name, focused: await looks(page, element) };
}

/**
 * Presses Tab (Shift+Tab with `back`) until `target` has focus, and checks that a
 * focus ring shows: the target looks different focused from how it looked before.
 * Every stop passed on the way is checked too: it must look different once Tab has
 * left it (a stop that keeps focus, as the live output's frame does while Tab walks
 * the app inside it, is compared when it is left).
 */
async function tabTo(page: Page, target: Locator, options: { back?: boolean; ring?: Locator } = {}): Promise<void> {
  const ring = options.ring ?? target;
  await ring.scrollIntoViewIfNeeded();
  const unfocused = await looks(page, ring);
  for (let presses = 0; !(await holdsFocus(target)); presses++) {
    if (presses === MAX_TABS) throw new Error(`Tab never reached ${target}`);
    const stop = await focusedStop(page);
    await page.keyboard.press(options.back ? "Shift+Tab" : "Tab");
    if (!stop || (await stop.element.evaluate((node) => node === document.activeElement))) continue;
    await stop.element.scrollIntoViewIfNeeded();
    compared++;
    if (Buffer.compare(await looks(page, stop.element), stop.focused) === 0) ringless.push(stop.name);
  }
  await ring.scrollIntoViewIfNeeded();
  expect(Buffer.compare(await looks(page, ring), unfocused), `no focus ring on ${ring}`).not.toBe(0);
}

describe("the example page from the keyboard alone", () => {
  it("reaches and operates every control, with a focus ring at each stop, and leaves the editor", async () => {
    const context = await docs.browser.newContext({ viewport: { width: 1280, height: 860 }, reducedMotion: "reduce", permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();
    await page.goto(new URL("/docs/examples/sse/", docs.server.url).href);
    const status = page.locator(".wb-status");
    await page.locator(".wb-status[data-state=running]").waitFor({ timeout: 60_000 });

    // Search: opens from its button, finds, closes with Escape and gives focus back.
    const search = page.locator(".search-button");
    await tabTo(page, search);
    await page.keyboard.press("Enter");
    await expect.poll(() => holdsFocus(page.locator("#search input"))).toBe(true);
    await page.keyboard.type("stream");
    await expect.poll(() => page.locator("#search-results [role=option]").count()).toBeGreaterThan(0);
    await page.keyboard.press("Escape");
    await expect.poll(() => holdsFocus(search)).toBe(true);

    // The page actions menu: opens, moves by arrow keys with a ring on the item, closes with Escape.
    const actions = page.locator(".actions-toggle");
    await tabTo(page, actions);
    await page.keyboard.press("Enter");
    const firstItem = page.locator(".actions-menu [role=menuitem]").first();
    await expect.poll(() => holdsFocus(firstItem)).toBe(true);
    const second = page.locator(".actions-menu [role=menuitem]").nth(1);
    const secondBefore = await looks(page, second);
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => holdsFocus(second)).toBe(true);
    expect(Buffer.compare(await looks(page, second), secondBefore), "no focus ring on a menu item").not.toBe(0);
    await page.keyboard.press("Escape");
    await expect.poll(() => holdsFocus(actions)).toBe(true);
    // Its Copy link item, reached by the arrow keys and chosen with Enter, copies the page's address.
    await page.keyboard.press("Enter");
    const copyLink = page.getByRole("menuitem", { name: /Copy link/ });
    for (let presses = 0; !(await holdsFocus(copyLink)); presses++) {
      if (presses === 10) throw new Error("the arrow keys never reached Copy link");
      await page.keyboard.press("ArrowDown");
    }
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".actions-status").textContent()).toMatch(/Link copied/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
    await expect.poll(() => page.locator(".actions-menu").isHidden()).toBe(true);
    expect(await holdsFocus(actions), "focus back on the menu's button").toBe(true);

    // Run keeps focus while the run starts and after.
    const run = page.getByRole("button", { name: "Run", exact: true });
    await tabTo(page, run);
    await page.keyboard.press("Enter");
    await page.locator(".wb-status[data-state=running]").waitFor({ timeout: 60_000 });
    expect(await holdsFocus(run)).toBe(true);

    // Test runs the example's tests (once the run's stream has ended: its end would replace the test result beside Run).
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(/Stream ended/);
    const test = page.getByRole("button", { name: "Test", exact: true });
    await tabTo(page, test);
    await page.keyboard.press("Enter");
    await expect.poll(() => status.textContent(), { timeout: 90_000 }).toMatch(/Tests passed|Tests failed/);

    // Share copies a link; Reset restores the files.
    const reset = page.getByRole("button", { name: "Reset", exact: true });
    await tabTo(page, reset);
    await page.keyboard.press("Enter");
    await expect.poll(() => status.textContent()).toMatch(/Reset/);
    const share = page.getByRole("button", { name: "Share", exact: true });
    await tabTo(page, share);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".wb-noted", { has: share }).getByRole("status").textContent()).toMatch(/Link copied/);

    // The file tabs: arrow keys, Home and End.
    const tabs = page.locator(".wb-source [role=tab]");
    await tabTo(page, tabs.first());
    await page.keyboard.press("End");
    await expect.poll(() => tabs.last().getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("Home");
    await expect.poll(() => tabs.first().getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => tabs.nth(1).getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("Home");

    // The editor: reaching the Source pane loaded it; Tab enters it, typing types, Tab indents, Escape then Tab leaves.
    await page.locator("#workbench[data-editor=ready]").waitFor({ timeout: 90_000 });
    const editor = page.locator(".wb-source .monaco-editor");
    await tabTo(page, editor);
    await page.keyboard.press("ControlOrMeta+Home");
    await page.keyboard.type("// typed from the keyboard\n");
    await page.keyboard.press("Tab");
    expect(await holdsFocus(editor)).toBe(true);
    await expect.poll(() => page.locator(".wb-source .view-lines").textContent()).toContain("typed\u00a0from\u00a0the\u00a0keyboard");
    await screenshot(page, "keyboard-editor-focused");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    await expect.poll(() => holdsFocus(editor)).toBe(false);

    // The frame filter, after the live output's controls.
    const filter = page.getByRole("combobox", { name: "Show events" });
    await tabTo(page, filter);
    await page.keyboard.press("ArrowDown");
    const chosen = await filter.inputValue();
    expect(chosen).not.toBe("");
    const events = page.getByRole("region", { name: "Event frames" }).locator(".wb-frame .wb-event");
    await expect.poll(async () => [...new Set(await events.allTextContents())]).toEqual([chosen]);
    await screenshot(page, "keyboard-filter-focused");
    expect(compared, "Tab stops passed on the way (header, sidebar, page, workbench)").toBeGreaterThan(40);
    expect(ringless, "Tab stops with no focus ring").toEqual([]);
    await context.close();
  }, 300_000);

  it("rings the live output while Tab walks the example's own page inside it, and not once Tab has left it", async () => {
    const context = await docs.browser.newContext({ viewport: { width: 1280, height: 860 }, reducedMotion: "reduce" });
    const page = await context.newPage();
    await page.goto(new URL("/docs/examples/todo/", docs.server.url).href);
    await page.locator(".wb-status[data-state=running]").waitFor({ timeout: 60_000 });
    const viewport = page.getByRole("region", { name: "Live output" }).locator(".wb-viewport");
    const ringed = () => viewport.evaluate((element) => getComputedStyle(element, "::after").content !== "none");
    // The todo page has a field to type in: Tab from the address bar's last control reaches it.
    await expect.poll(async () => (await page.locator(".wb-live iframe").first().contentFrame().getByRole("textbox").count()) > 0, { timeout: 60_000 }).toBe(true);
    await page.locator(".wb-open").focus();
    expect(await ringed()).toBe(false);
    await page.keyboard.press("Tab");
    await expect.poll(() => holdsFocus(page.locator(".wb-live iframe").first())).toBe(true);
    await expect.poll(ringed).toBe(true);
    await page.locator(".wb-open").focus();
    await expect.poll(ringed).toBe(false);
    await context.close();
  }, 120_000);

  it("opens the phone drawer with focus in its navigation, and Escape gives it back to the menu button", async () => {
    const context = await docs.browser.newContext({ viewport: { width: 375, height: 740 }, reducedMotion: "reduce" });
    const page = await context.newPage();
    await page.goto(new URL("/docs/get-started/", docs.server.url).href);
    const toggle = page.locator(".menu-toggle");
    await tabTo(page, toggle);
    await page.keyboard.press("Enter");
    await expect.poll(() => holdsFocus(page.locator("#sidebar"))).toBe(true);
    await screenshot(page, "keyboard-drawer-open-375");
    await page.keyboard.press("Escape");
    await expect.poll(() => holdsFocus(toggle)).toBe(true);
    await context.close();
  });
});
