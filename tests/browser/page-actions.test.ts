import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Locator } from "playwright-core";
import { describe, expect, it } from "vitest";
import { hostingOptions } from "../../server/hosting-options.ts";
import { axeViolations } from "../support/axe.ts";
import { docsInChromium } from "../support/docs-in-chromium.ts";
import { SCREENSHOT_DIR } from "../support/screenshots.ts";

/** The assistants' hosts: answered here by a stand-in page, so nothing leaves the machine. */
const ASSISTANT_HOSTS = /^https:\/\/(claude\.ai|chatgpt\.com|gemini\.google\.com|copilot\.microsoft\.com)\//;

/**
 * The assistants' names resolve to nothing: a tab the browser opens by itself (a middle
 * or Ctrl/Cmd+click opens one that the test's routes never see) fails here, on the machine.
 */
const NO_ASSISTANTS = `--host-resolver-rules=${["claude.ai", "chatgpt.com", "gemini.google.com", "copilot.microsoft.com"].map((host) => `MAP ${host} ~NOTFOUND`).join(", ")}`;

// Local mode whatever the environment says: the Ask links carry the page itself.
const docs = docsInChromium({ hosting: hostingOptions([], {}) }, [NO_ASSISTANTS]);

/** The address of every tab of the browser, as Chromium reports it (a tab that could not load keeps the address it was opened at). */
async function tabAddresses(browser: Browser): Promise<string[]> {
  const session = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await session.send("Target.getTargets");
    return targetInfos.filter((target) => target.type === "page").map((target) => target.url);
  } finally {
    await session.detach();
  }
}

/** A browser context whose requests to the assistants get a stand-in page; `asked` lists the URLs they got. */
async function contextWithAssistants(options: Parameters<Browser["newContext"]>[0] = {}): Promise<{ context: BrowserContext; asked: string[] }> {
  const context = await docs.browser.newContext({ viewport: { width: 1280, height: 860 }, ...options });
  const asked: string[] = [];
  await context.route(ASSISTANT_HOSTS, (route) => {
    asked.push(route.request().url());
    return route.fulfill({ contentType: "text/html", body: "<!doctype html><title>assistant stand-in</title>" });
  });
  return { context, asked };
}

describe("the Ask links on a local server", () => {
  it("open the assistant from the keyboard with the page's start in the prompt and copy the whole page to paste", async () => {
    const url = "/docs/concepts/contract-checker/";
    const markdown = docs.site.find(url)!.markdown;
    const { context, asked } = await contextWithAssistants({ permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();
    await page.goto(new URL(url, docs.server.url).href);
    await page.getByRole("button", { name: "Page actions" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toContain("Copy page");
    await page.keyboard.press("End");
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowUp");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Ask Claude/);
    const [assistant] = await Promise.all([context.waitForEvent("page"), page.keyboard.press("Enter")]);
    await assistant.waitForLoadState();
    const opened = new URL(assistant.url());
    expect(opened.origin + opened.pathname).toBe("https://claude.ai/new");
    // The URL as the browser sent it, within the limit the link was made for.
    expect(asked).toEqual([assistant.url()]);
    expect(assistant.url().length).toBeLessThanOrEqual(8_000);
    const prompt = opened.searchParams.get("q")!;
    expect(prompt).toContain(markdown.slice(0, 2_000));
    expect(prompt).toMatch(/\[The page is cut here to fit in a link: [\d,]+ of its [\d,]+ characters\. The whole page is on my clipboard: I paste it below\.\]$/);
    expect(prompt).toContain(`of its ${markdown.length.toLocaleString("en")} characters`);
    await page.bringToFront();
    await expect.poll(() => page.locator(".actions-status").textContent()).toBe("Page copied: paste it into Claude after the cut");
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(markdown);
    await context.close();
  });

  /** Ways to open a link in a new tab or window, each done to `link`. */
  const opens: [string, (link: Locator) => Promise<void>][] = [
    ["a middle click", (link) => link.click({ button: "middle" })],
    ["Ctrl/Cmd+click", (link) => link.click({ modifiers: ["ControlOrMeta"] })],
    ["Shift+click", (link) => link.click({ modifiers: ["Shift"] })],
    ["Ctrl/Cmd+Enter", async (link) => {
      await link.focus();
      await link.page().keyboard.press("ControlOrMeta+Enter");
    }],
  ];
  for (const [how, open] of opens) {
    it(`copy the whole page on ${how} too, while the browser opens the assistant as it would`, async () => {
      const url = "/docs/concepts/contract-checker/";
      const markdown = docs.site.find(url)!.markdown;
      const { context } = await contextWithAssistants({ permissions: ["clipboard-read", "clipboard-write"] });
      const page = await context.newPage();
      await page.goto(new URL(url, docs.server.url).href);
      await page.getByRole("button", { name: "Page actions" }).click();
      await open(page.getByRole("menuitem", { name: /^Ask Claude/ }));
      // The browser opened the assistant in a tab of its own, with the page's start and the cut note in the prompt.
      let opened: URL | undefined;
      await expect.poll(async () => (opened = (await tabAddresses(docs.browser)).map((address) => new URL(address)).find((address) => address.host === "claude.ai"))?.pathname, { timeout: 30_000 }).toBe("/new");
      expect(opened!.searchParams.get("q")).toContain(markdown.slice(0, 2_000));
      expect(opened!.searchParams.get("q")).toMatch(/The whole page is on my clipboard: I paste it below\.\]$/);
      await page.bringToFront();
      await expect.poll(() => page.locator(".actions-status").textContent()).toBe("Page copied: paste it into Claude after the cut");
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(markdown);
      expect(await page.getByRole("menu", { name: "Page actions" }).isVisible()).toBe(false);
      await context.close();
    });
  }

  for (const [width, colorScheme] of [
    [1440, "light"],
    [390, "dark"],
  ] as const) {
    it(`Copy link says that a link to 127.0.0.1 opens on this machine only (${width} px, ${colorScheme})`, async () => {
      const { context } = await contextWithAssistants({ viewport: { width, height: 844 }, colorScheme, permissions: ["clipboard-read", "clipboard-write"] });
      const page = await context.newPage();
      await page.goto(new URL("/docs/concepts/contract-checker/", docs.server.url).href);
      await page.getByRole("button", { name: "Page actions" }).focus();
      await page.keyboard.press("Enter");
      const copyLink = page.getByRole("menuitem", { name: "Copy link" });
      while (!(await copyLink.evaluate((item) => item === document.activeElement))) await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator(".actions-status").textContent()).toBe("Link copied: it opens on this machine only");
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(new URL("/docs/concepts/contract-checker/", docs.server.url).href);
      // The message shows for 2 s: the picture is taken while it does, its fade-in finished.
      await page.locator(".actions-status[data-visible]").waitFor();
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `page-actions-${width}-${colorScheme}-link-copied.png`), animations: "disabled" });
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });
  }

  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    for (const colorScheme of ["light", "dark"] as const) {
      it(`shows the page-actions menu ${width} px wide, ${colorScheme}`, async () => {
        const { context } = await contextWithAssistants({ viewport: { width, height }, colorScheme });
        const page = await context.newPage();
        await page.goto(new URL("/docs/concepts/contract-checker/", docs.server.url).href);
        await page.getByRole("button", { name: "Page actions" }).click();
        const menu = page.getByRole("menu", { name: "Page actions" });
        await expect.poll(() => menu.isVisible()).toBe(true);
        const box = (await menu.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(width);
        // The viewport only: the menu sits at its top.
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `page-actions-${width}-${colorScheme}.png`) });
        await context.close();
      });
    }
  }
});
