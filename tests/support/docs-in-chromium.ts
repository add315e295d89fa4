import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import type { Listening } from "chirp";
import { createServer } from "../../server/main.ts";
import { launchChromium } from "./browser.ts";

/** The docs server and the browser of a test file, set once its `beforeAll` has run. */
export interface DocsInChromium {
  browser: Browser;
  server: Listening;
}

/**
 * Starts the docs server as `npm start` does (building the front end when stale)
 * and Chromium before the file's tests, and ends both after them.
 */
export function docsInChromium(): DocsInChromium {
  const started = {} as DocsInChromium;
  beforeAll(async () => {
    const docs = await createServer();
    [started.browser, started.server] = await Promise.all([launchChromium(), docs.app.listen({ port: 0 })]);
  }, 120_000);
  afterAll(async () => {
    await started.browser?.close();
    await started.server?.close();
  });
  return started;
}
