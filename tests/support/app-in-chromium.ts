import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import type { Listening } from "chirp";
import { launchChromium } from "./browser.ts";

/** Chromium and an app listening on a free loopback port, shared by the tests of one file. */
export interface AppInChromium {
  readonly browser: Browser;
  readonly server: Listening;
}

/**
 * Starts Chromium and the app that `listen` starts before the tests of the calling
 * file, and stops both after them. Read `browser` and `server` inside the tests.
 */
export function appInChromium(listen: () => Promise<Listening>): AppInChromium {
  let browser: Browser | undefined;
  let server: Listening | undefined;
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), listen()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error("Chromium is not started yet: read `browser` inside a test");
      return browser;
    },
    get server() {
      if (!server) throw new Error("The app is not listening yet: read `server` inside a test");
      return server;
    },
  };
}
