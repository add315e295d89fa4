import type { BrowserContext, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Listening } from "chirp";
import { createServer } from "../../server/main.ts";
import { foreignRequests, recordRequests } from "../support/browser.ts";
import { docsInChromium, exampleFiles, liveFrame, openEditor, replaceCode } from "../support/docs-in-chromium.ts";

const docs = docsInChromium();

const PAGE = "/docs/examples/sse/";
const SIX_FRAMES = ["status", "notification", "notification", "notification", "notification", "close"];

async function open(width = 1600, path = PAGE): Promise<{ context: BrowserContext; page: Page }> {
  const context = await docs.browser.newContext({ viewport: { width, height: 1000 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  await page.goto(new URL(path, docs.server.url).href);
  return { context, page };
}

/** The event names listed in the Event frames pane. */
function frameEvents(page: Page): Promise<string[]> {
  return page.getByRole("region", { name: "Event frames" }).locator(".wb-frame .wb-event").allTextContents();
}

async function shownCode(page: Page): Promise<string> {
  return ((await page.locator(".monaco-editor .view-lines").first().textContent()) ?? "").replaceAll("\u00a0", " ");
}

async function appTs(page: Page): Promise<string> {
  return (await exampleFiles(page, "sse"))["app.ts"]!;
}

describe("the workbench on the SSE example page", () => {
  it("shows Source, Live output and Event frames: the four notifications and status, four notification frames, close", async () => {
    const { context, page } = await open();
    const requests = recordRequests(page);
    for (const name of ["Source", "Live output", "Event frames"]) await expect.poll(() => page.getByRole("region", { name }).count()).toBe(1);
    const tabs = page.getByRole("region", { name: "Source" }).getByRole("tab");
    expect(await tabs.allTextContents()).toEqual(["app.ts", "templates/base.html", "templates/feed.html", "templates/htmx4/feed.html", "app.test.ts"]);
    expect(await tabs.first().getAttribute("aria-selected")).toBe("true");

    const live = await liveFrame(page);
    await expect.poll(() => frameEvents(page), { timeout: 30_000 }).toEqual(SIX_FRAMES);
    expect(await live.locator("#feed .notification strong").allTextContents()).toEqual(["Welcome", "Update", "Alert", "Resolved"]);
    await openEditor(page);
    await page.locator("#workbench").screenshot({ path: "test-results/screenshots/workbench-1600-running.png" });

    // The raw text on demand: exactly what crossed the wire.
    const first = page.getByRole("region", { name: "Event frames" }).locator(".wb-frame details").first();
    await first.locator("summary").click();
    expect(await first.getByLabel("Raw text").textContent()).toBe("event: status\ndata: connected\n\n");
    // The panes resize: a splitter between them, with the keyboard too.
    const source = page.getByRole("region", { name: "Source" });
    const before = (await source.boundingBox())!.width;
    await page.getByRole("separator", { name: "Resize Source and Live output" }).focus();
    for (let step = 0; step < 3; step++) await page.keyboard.press("ArrowRight");
    expect((await source.boundingBox())!.width).toBeGreaterThan(before + 50);
    // Filter by event name.
    await page.getByLabel("Show events").selectOption("close");
    expect(await frameEvents(page)).toEqual(["close"]);
    expect(foreignRequests(requests)).toEqual([]);
    await context.close();
  });

  it("runs an edited app.ts (Run button and Ctrl+Enter): the new text is in the live output and in the frames; edits survive a reload; Reset restores", async () => {
    const { context, page } = await open();
    const original = await appTs(page);
    await replaceCode(page, original.replace("New deployment started.", "Edited in the workbench."));
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(async () => (await liveFrame(page)).locator("#feed").textContent(), { timeout: 30_000 }).toContain("Edited in the workbench.");
    await expect.poll(() => page.locator(".wb-frame .wb-data").allTextContents()).toContainEqual(expect.stringContaining("Edited in the workbench."));

    await page.reload();
    await openEditor(page);
    await replaceCode(page, original.replace("New deployment started.", "Run with the keyboard."));
    await page.keyboard.press("ControlOrMeta+Enter");
    await expect.poll(async () => (await liveFrame(page)).locator("#feed").textContent(), { timeout: 30_000 }).toContain("Run with the keyboard.");

    await page.reload();
    await openEditor(page);
    await expect.poll(() => shownCode(page)).toContain("Run with the keyboard.");
    await page.getByRole("button", { name: "Reset" }).click();
    await expect.poll(() => shownCode(page)).toContain("New deployment started.");
    await context.close();
  });

  it("Ctrl+Enter pressed ten times has one run starting at a time, as the Run button does, and ends running the latest code", async () => {
    const { context, page } = await open();
    const original = await appTs(page);
    await replaceCode(page, original.replace("New deployment started.", "Pressed ten times."));
    await expect.poll(() => page.getByRole("button", { name: "Run", exact: true }).isEnabled(), { timeout: 30_000 }).toBe(true);
    // The most POST /api/runs the page had waiting for an answer at once.
    let starting = 0;
    let most = 0;
    const isRun = (request: Request) => request.method() === "POST" && request.url().endsWith("/api/runs");
    page.on("request", (request) => isRun(request) && (most = Math.max(most, ++starting)));
    page.on("requestfinished", (request) => isRun(request) && starting--);
    for (let press = 0; press < 10; press++) await page.keyboard.press("ControlOrMeta+Enter");
    await expect.poll(async () => (await liveFrame(page)).locator("#feed").textContent(), { timeout: 30_000 }).toContain("Pressed ten times.");
    // The page may show the latest code from the first run while the rerun with it still builds: on a busy machine that takes a while.
    await expect.poll(() => page.locator(".wb-status").textContent(), { timeout: 60_000 }).toMatch(/^(Running|Stream ended)$/);
    expect(most).toBe(1);
    await context.close();
  });

  it("Run pressed by keyboard while the page's own first run starts replaces it calmly: no error answer, no console error, the new run shows", async () => {
    const context = await docs.browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    const failures: string[] = [];
    page.on("response", (response) => response.status() >= 400 && failures.push(`${response.status()} ${response.url()}`));
    page.on("console", (message) => message.type() === "error" && failures.push(`console: ${message.text()}`));
    const runs: string[] = [];
    page.on("response", (response) => {
      if (response.request().method() === "POST" && response.url().endsWith("/api/runs")) void response.json().then((run: { id: string }) => runs.push(run.id));
    });
    await page.goto(new URL(PAGE, docs.server.url).href);
    const run = page.getByRole("button", { name: "Run", exact: true });
    await run.focus();
    await page.keyboard.press("Enter");
    // The first run is replaced by the second; the frame shows the second, streaming to its end.
    await expect.poll(() => runs.length, { timeout: 30_000 }).toBe(2);
    const live = await liveFrame(page, new RegExp(`^http://${runs[1]}\\.run\\.localhost:\\d+/$`));
    await expect.poll(() => frameEvents(page), { timeout: 30_000 }).toEqual(SIX_FRAMES);
    expect(await live.locator("#feed .notification strong").allTextContents()).toEqual(["Welcome", "Update", "Alert", "Resolved"]);
    expect(await page.locator(".wb-message.wb-error").count()).toBe(0);
    expect(failures).toEqual([]);
    await context.close();
  });

  it("Stop, pressed by keyboard while the stream is open, takes the run's page out of the live output before ending the run: nothing fails or reconnects", async () => {
    const context = await docs.browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await page.goto(new URL(PAGE, docs.server.url).href);
    await liveFrame(page);
    await expect.poll(() => frameEvents(page), { timeout: 30_000 }).toContain("notification");
    const failures: string[] = [];
    page.on("response", (response) => response.status() >= 400 && failures.push(`${response.status()} ${response.url()}`));
    page.on("console", (message) => message.type() === "error" && failures.push(`console: ${message.text()}`));
    await page.getByRole("button", { name: "Stop", exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".wb-status").textContent(), { timeout: 30_000 }).toBe("Stopped");
    const live = page.getByRole("region", { name: "Live output" });
    await expect.poll(() => live.locator(".wb-placeholder").textContent()).toBe("Stopped. Run starts it again.");
    expect(await live.locator("iframe").first().isHidden()).toBe(true);
    expect(await live.locator(".wb-message.wb-error").count()).toBe(0);
    expect(failures).toEqual([]);
    // The focus went from Stop, now unavailable, to Run.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Run/);
    await live.screenshot({ path: "test-results/screenshots/workbench-1440-stopped.png" });
    await context.close();
  });

  it("a run that crashes after serving leaves the live output, which says why, instead of a page reconnecting to nothing", async () => {
    const { context, page } = await open(1440);
    const original = await appTs(page);
    // The page loads and its stream opens (status "connected"), then the process fails.
    const crashing = original.replace('yield new SSEEvent({ data: "connected", event: "status" });', '$&\n    setTimeout(() => { throw new Error("A late failure."); }, 100);');
    await replaceCode(page, crashing);
    await page.keyboard.press("ControlOrMeta+Enter");
    await expect.poll(() => page.locator(".wb-status").textContent(), { timeout: 30_000 }).toBe("Ended");
    const live = page.getByRole("region", { name: "Live output" });
    await expect.poll(() => live.locator(".wb-placeholder").textContent()).toBe("The example has ended. Run starts it again.");
    expect(await live.locator("iframe").first().isHidden()).toBe(true);
    expect(await live.locator(".wb-message.wb-error p").textContent()).toMatch(/crashed/);
    expect(await live.locator(".wb-message.wb-error pre").textContent()).toContain("A late failure.");
    await live.screenshot({ path: "test-results/screenshots/workbench-1440-crashed.png" });
    await context.close();
  });

  it("marks a type error in the editor, and reports a syntax error on Run as a marker and a message", async () => {
    const { context, page } = await open();
    const original = await appTs(page);
    await replaceCode(page, `${original}\nconst wrong: number = "text";\n`);
    await expect.poll(() => page.locator(".monaco-editor .squiggly-error").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // Only the added line is marked: the imports of chirp and node:timers/promises resolve with their types.
    await expect.poll(() => page.locator(".monaco-editor .squiggly-error").count()).toBe(1);

    await replaceCode(page, `${original}\nconst broken = ;\n`);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const message = page.getByRole("region", { name: "Live output" }).locator(".wb-message");
    await expect.poll(() => message.textContent()).toMatch(/Build failed: app\.ts:\d+:\d+: Unexpected ";"/);
    await page.locator("#workbench").screenshot({ path: "test-results/screenshots/workbench-1600-error.png" });
    await context.close();
  });

  it("shares a link that restores the edit without running it", async () => {
    const { context, page } = await open();
    const original = await appTs(page);
    await replaceCode(page, original.replace("New deployment started.", "Shared by link."));
    // A link to 127.0.0.1 opens on this machine only, and Share says so, on its button and once pressed.
    const share = page.getByRole("button", { name: "Share" });
    expect(await share.getAttribute("title")).toBe("Copy a link that carries this code (it opens on this machine only; Copy as LLM text carries the code anywhere)");
    await share.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".wb-noted", { has: share }).getByRole("status").textContent()).toBe("Link copied: it opens on this machine only");
    for (const width of [1600, 390]) {
      await page.setViewportSize({ width, height: 1000 });
      await page.locator("#workbench").screenshot({ path: `test-results/screenshots/workbench-${width}-shared-locally.png` });
    }
    await page.setViewportSize({ width: 1600, height: 1000 });
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/docs\/examples\/sse\/#code=/);
    const llm = page.getByRole("button", { name: "Copy as LLM text" });
    await llm.click();
    await expect.poll(() => page.locator(".wb-noted", { has: llm }).getByRole("status").textContent()).toMatch(/copied as Markdown/);
    const markdown = await page.evaluate(() => navigator.clipboard.readText());
    expect(markdown).toMatch(/^# SSE/);
    expect(markdown).toContain("Shared by link.");
    expect(markdown).not.toContain(`message: "New deployment started."`);
    // Ask Claude hands over the edited code too: on this local server the prompt carries the page's start
    // and the whole page, as edited, goes to the clipboard to paste after the cut.
    await context.route(/^https:\/\/claude\.ai\//, (route) => route.fulfill({ contentType: "text/html", body: "<!doctype html><title>stand-in</title>" }));
    await page.evaluate(() => navigator.clipboard.writeText(""));
    await page.getByRole("button", { name: "Page actions" }).click();
    const [assistant] = await Promise.all([context.waitForEvent("page"), page.getByRole("menuitem", { name: /^Ask Claude/ }).click()]);
    const prompt = new URL(assistant.url()).searchParams.get("q")!;
    expect(prompt).toMatch(/^Here is the "[^"]+" page of the chirp docs/);
    expect(prompt).toContain("Shared by link.");
    await assistant.close();
    await page.bringToFront();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain("Shared by link.");

    const other = await context.newPage();
    await other.evaluate(() => localStorage.clear()).catch(() => {});
    const requests = recordRequests(other);
    await other.goto(link);
    await expect.poll(() => other.locator(".wb-note").textContent()).toMatch(/came from a shared link.*not run/);
    await openEditor(other);
    await expect.poll(() => shownCode(other)).toContain("Shared by link.");
    expect(requests.filter((request) => request.method() === "POST")).toEqual([]);
    expect(await other.getByRole("region", { name: "Live output" }).locator(".wb-placeholder").textContent()).toBe("Not running yet.");
    await other.locator("#workbench").screenshot({ path: "test-results/screenshots/workbench-1600-idle.png" });
    await other.setViewportSize({ width: 390, height: 1000 });
    await other.locator("#workbench").screenshot({ path: "test-results/screenshots/workbench-390-idle.png" });
    await other.setViewportSize({ width: 1600, height: 1000 });

    // The first Run asks: whose code, which files, how it would run. "Not now" runs nothing.
    const ask = other.getByRole("dialog", { name: "Run code from a shared link?" });
    await other.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => ask.textContent()).toMatch(/whoever made the link you opened wrote it\. It changes app\.ts\./);
    await other.screenshot({ path: "test-results/screenshots/workbench-shared-ask.png" });
    await other.keyboard.press("Escape");
    await expect.poll(() => ask.count()).toBe(0);
    expect(requests.filter((request) => request.method() === "POST")).toEqual([]);
    await other.getByRole("button", { name: "Run", exact: true }).click();
    await ask.getByRole("button", { name: "Run this code" }).click();
    await expect.poll(async () => (await liveFrame(other)).locator("#feed").textContent(), { timeout: 30_000 }).toContain("Shared by link.");
    // Asked once: the next Run runs at once.
    await other.keyboard.press("ControlOrMeta+Enter");
    expect(await ask.count()).toBe(0);
    await context.close();
  });

  it("shows beside Run how runs are kept from the machine, linking to what that means", async () => {
    const { context, page } = await open();
    const badge = page.getByRole("toolbar", { name: "Workbench" }).getByRole("link", { name: /^(isolated|guarded)$/ });
    expect(await badge.textContent()).toBe("isolated");
    expect(await badge.getAttribute("href")).toBe("/docs/concepts/security/");
    await context.close();
  });

  it("Test runs the example's tests and lists them passing", async () => {
    const { context, page } = await open();
    await page.getByRole("button", { name: "Test" }).click();
    const results = page.getByRole("region", { name: "Tests" }).locator(".wb-tests");
    await expect.poll(() => results.locator(".wb-tests-summary").textContent(), { timeout: 50_000 }).toMatch(/^Tests: \d+ passed, 0 failed$/);
    expect(await results.locator(".wb-pass").count()).toBeGreaterThanOrEqual(5);
    await context.close();
  }, 60_000);

  it("stacks the panes on a narrow screen", async () => {
    const { context, page } = await open(390);
    await expect.poll(() => frameEvents(page), { timeout: 25_000 }).toContain("notification");
    const boxes = await Promise.all(["Source", "Live output", "Event frames"].map((name) => page.getByRole("region", { name }).boundingBox()));
    expect(boxes.every((box) => box && box.width > 300)).toBe(true);
    expect(boxes[0]!.y < boxes[1]!.y && boxes[1]!.y < boxes[2]!.y).toBe(true);
    await openEditor(page);
    await page.locator("#workbench").screenshot({ path: "test-results/screenshots/workbench-390-running.png" });
    await replaceCode(page, 'import { App } from "chirp";\nconst app = new App(;\n');
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => page.locator(".wb-message").textContent()).toMatch(/Build failed: app\.ts:2:/);
    await page.locator("#workbench").screenshot({ path: "test-results/screenshots/workbench-390-error.png" });
    await context.close();
  });
});

describe("the workbench of a read-only server", () => {
  let readOnly: Listening;
  beforeAll(async () => {
    process.env.CHIRP_READ_ONLY = "1";
    try {
      readOnly = await (await createServer()).app.listen({ port: 0 });
    } finally {
      delete process.env.CHIRP_READ_ONLY;
    }
  }, 120_000);
  afterAll(() => readOnly?.close());

  it("says so, runs the example as written, and does not let the code be edited", async () => {
    const context = await docs.browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await page.goto(new URL(PAGE, readOnly.url).href);
    await expect.poll(() => page.locator(".wb-note").textContent()).toMatch(/read-only/);
    await expect.poll(() => frameEvents(page), { timeout: 30_000 }).toContain("status");
    await openEditor(page);
    await page.locator(".monaco-editor .view-lines").first().click();
    await page.keyboard.type("typed");
    expect(await shownCode(page)).not.toContain("typed");
    await context.close();
  });
});
