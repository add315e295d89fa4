import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import type { Listening } from "chirp";
import type { Site } from "../../server/docs/site.ts";
import { createServer, type ServerOptions } from "../../server/main.ts";
import { launchChromium } from "./browser.ts";

/** The docs server and the browser of a test file, set once its `beforeAll` has run. */
export interface DocsInChromium {
  browser: Browser;
  server: Listening;
  /** The content the server serves. */
  site: Site;
}

/**
 * Starts the docs server as `npm start` does (building the front end when stale)
 * and Chromium (with `chromiumArgs` after the usual flags) before the file's tests,
 * and ends both after them.
 */
export function docsInChromium(options: ServerOptions = {}, chromiumArgs: string[] = []): DocsInChromium {
  const started = {} as DocsInChromium;
  beforeAll(async () => {
    const docs = await createServer(options);
    started.site = docs.site.current();
    [started.browser, started.server] = await Promise.all([launchChromium(chromiumArgs), docs.app.listen({ port: 0 })]);
  }, 120_000);
  afterAll(async () => {
    await started.browser?.close();
    await started.server?.close();
  });
  return started;
}

/** A run's address on the local docs server: `http://<run-id>.run.localhost:<docs port>/`. */
export const LOCAL_RUN_URL = /^http:\/\/[0-9a-f]{32}\.run\.localhost:\d+\/$/;

/** The live output's document (the run's own origin), once the frame shows a run at an address matching `address`. */
export async function liveFrame(page: Page, address: RegExp = LOCAL_RUN_URL): Promise<Frame> {
  const handle = await page.getByRole("region", { name: "Live output" }).locator("iframe").elementHandle();
  await expect.poll(async () => (await handle?.contentFrame())?.url() ?? "", { timeout: 30_000 }).toMatch(address);
  return (await handle!.contentFrame())!;
}

/** An example's files as the run API gives them, fetched by the page itself (the API answers only the docs page in a browser). */
export function exampleFiles(page: Page, name: string): Promise<Record<string, string>> {
  return page.evaluate(async (example) => ((await (await fetch(`/api/examples/${example}`)).json()) as { files: Record<string, string> }).files, name);
}

/**
 * Brings up the Source pane's editor as a reader does (Monaco loads when the pane is
 * first reached: here by focusing its file tab) and waits until it is ready.
 */
export async function openEditor(page: Page): Promise<void> {
  await page.locator(".wb-source [role=tab]").first().focus();
  await page.locator("#workbench[data-editor=ready]").waitFor({ timeout: 90_000 });
}

/** The SSE example's app.ts with `count` `tick` events sent before its four notifications. */
export async function floodingSseApp(page: Page, count: number): Promise<string> {
  const original = (await exampleFiles(page, "sse"))["app.ts"]!;
  const marker = 'yield new SSEEvent({ data: "connected", event: "status" });';
  return original.replace(marker, `for (let i = 0; i < ${count}; i++) yield new SSEEvent({ data: String(i), event: "tick" });`);
}

/** Waits for Monaco, then replaces the whole of the open file with `text`, pasted as a person would. */
export async function replaceCode(page: Page, text: string): Promise<void> {
  await openEditor(page);
  await page.evaluate((code) => navigator.clipboard.writeText(code), text);
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("ControlOrMeta+V");
  // Monaco reads the clipboard asynchronously; the workbench saves every edit, so wait for the save.
  await expect
    .poll(() =>
      page.evaluate((code) => {
        const saved = Object.keys(localStorage).filter((key) => key.startsWith("chirp-workbench:"));
        return saved.some((key) => Object.values(JSON.parse(localStorage.getItem(key)!) as Record<string, string>).includes(code));
      }, text),
    )
    .toBe(true);
}

/** The text Monaco shows (it renders spaces as no-break spaces). */
