import path from "node:path";
import type { Frame, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { docsInChromium, liveFrame, openEditor } from "../support/docs-in-chromium.ts";
import { SCREENSHOT_DIR } from "../support/screenshots.ts";

const docs = docsInChromium();

/** Runs answer through a sandbox and a proxy: on a busy machine a first answer can take seconds. */
const SLOW = { timeout: 20_000 };

/** What each example's live output shows once it runs, as a person would check it. */
const EXAMPLES: Record<string, { files: string[]; wire?: string; ready: (live: Frame, page: Page) => Promise<void> }> = {
  hello: {
    files: ["app.ts", "templates/hello.html", "app.test.ts"],
    ready: async (live) => {
      await live.getByRole("link", { name: "Grace Hopper" }).click();
      await expect.poll(() => live.locator("#card h2").textContent(), SLOW).toBe("Grace Hopper");
    },
  },
  todo: {
    files: ["app.ts", "templates/todo.html", "app.test.ts"],
    ready: async (live) => {
      await live.getByRole("button", { name: "Done: Buy oat milk" }).click();
      await expect.poll(() => live.locator("#count").textContent(), SLOW).toBe("1 left");
    },
  },
  search: {
    files: ["app.ts", "elements.ts", "templates/search.html", "app.test.ts"],
    ready: async (live) => {
      await live.getByLabel("Name or symbol").click();
      await live.page().keyboard.type("ne");
      await expect.poll(() => live.locator("#results .summary").textContent(), SLOW).toBe("6 elements match “ne”.");
    },
  },
  "suspense-dashboard": {
    files: ["app.ts", "templates/dashboard.html", "app.test.ts"],
    wire: "Response chunks",
    ready: async (live, page) => {
      await expect.poll(() => live.locator(".tile[data-state=loading]").count(), SLOW).toBe(0);
      expect(await live.locator("#inventory").getAttribute("data-state")).toBe("failed");
      // The right-hand pane lists the page's response piece by piece: the shell, then one chunk per tile as it arrived.
      const chunks = page.getByRole("region", { name: "Response chunks" });
      await expect.poll(() => chunks.locator(".wb-conn").allTextContents(), SLOW).toEqual(["Page 1 · GET / · 200"]);
      const tiles = async () => (await chunks.getByLabel("HTML of the chunk").allTextContents()).flatMap((html) => [...html.matchAll(/data-chirp-swap="(\w+)"/g)].map((match) => match[1]));
      await expect.poll(tiles, SLOW).toEqual(["orders", "revenue", "inventory"]);
      expect(await chunks.locator(".wb-chunk .wb-field").first().textContent()).toMatch(/^[\d,]+ bytes$/);
      const last = chunks.locator(".wb-chunk summary").last();
      await last.click();
      expect(await chunks.getByLabel("HTML of the chunk").last().isVisible()).toBe(true);
    },
  },
  dashboard: {
    files: ["app.ts", "templates/base.html", "templates/dashboard.html", "templates/htmx4/dashboard.html", "templates/panels.html", "app.test.ts"],
    ready: async (live) => {
      await expect.poll(() => live.locator("#log .seq").count(), SLOW).toBeGreaterThanOrEqual(2);
    },
  },
  "llm-stream": {
    files: ["app.ts", "templates/base.html", "templates/htmx4/llm.html", "templates/llm.html", "app.test.ts"],
    ready: async (live) => {
      await live.getByLabel("Your question").click();
      await live.page().keyboard.type("Why stream?");
      await live.page().keyboard.press("Enter");
      await expect.poll(() => live.locator("article .text").textContent(), SLOW).toMatch(/You asked: “Why stream\?”\./);
    },
  },
  chat: {
    files: ["app.ts", "templates/chat.html", "app.test.ts"],
    ready: async (live) => {
      // "2 clients" puts a second client of the same run beside the first: a message sent in one shows in both.
      const page = live.page();
      await page.getByRole("button", { name: "2 clients" }).click();
      const frames = page.getByRole("region", { name: "Live output" }).locator("iframe");
      const second = (await (await frames.nth(1).elementHandle())!.contentFrame())!;
      const first = (await (await frames.nth(0).elementHandle())!.contentFrame())!;
      // Both clients load the run's page at the run's own origin.
      await expect.poll(() => second.url(), SLOW).toBe(new URL("/", first.url()).href);
      await first.waitForLoadState("load");
      await second.waitForLoadState("load");
      await expect.poll(() => second.locator("#people li").count(), SLOW).toBe(2);
      await first.getByLabel("Message", { exact: true }).click();
      await page.keyboard.type("Hello, other me");
      await page.keyboard.press("Enter");
      for (const client of [first, second]) {
        await expect.poll(() => client.locator("#messages li:not(.empty)").last().textContent(), SLOW).toMatch(/^Guest \d+Hello, other me$/);
      }
    },
  },
  resume: {
    files: ["app.ts", "templates/resume.html", "app.test.ts"],
    ready: async (live) => {
      await expect.poll(() => live.locator("#received .n").count(), SLOW).toBeGreaterThanOrEqual(2);
      await live.getByRole("button", { name: "Drop connection" }).click();
      await expect.poll(() => live.locator("#received .mark").first().textContent(), SLOW).toMatch(/^Connected with Last-Event-ID \d+$/);
    },
  },
};

describe.each(Object.entries(EXAMPLES))("the workbench on the %s example page", (name, example) => {
  it.each([1440, 390])("runs it with its files in Source and its page in Live output, at %i px", async (width) => {
    const context = await docs.browser.newContext({ viewport: { width, height: 1000 } });
    const page = await context.newPage();
    await page.goto(new URL(`/docs/examples/${name}/`, docs.server.url).href);
    const tabs = page.getByRole("region", { name: "Source" }).getByRole("tab");
    await expect.poll(() => tabs.allTextContents()).toEqual(example.files);
    expect(await page.getByRole("region", { name: example.wire ?? "Event frames" }).count()).toBe(1);
    const live = await liveFrame(page);
    // htmx wires the page up once it has loaded: act only then, as a person who waits for the page would.
    await live.waitForLoadState("load");
    await example.ready(live, page);
    await openEditor(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await page.locator("#workbench").screenshot({ path: path.join(SCREENSHOT_DIR, `workbench-${name}-${width}.png`) });
    await context.close();
  });
});
