import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Listening } from "chirp";
import { createServer } from "../../server/main.ts";
import { launchChromium } from "../support/browser.ts";
import { liveFrame } from "../support/docs-in-chromium.ts";
import { runSseExample, SSE_EXAMPLE_PAGE } from "../support/sse-example-in-chromium.ts";

describe("a browser that does not resolve *.localhost (Safari)", () => {
  let docs: Listening;
  let browser: Browser;

  beforeAll(async () => {
    const server = await createServer({ hosting: { readOnly: false, runDomain: "run.localhost", trustProxy: false } });
    [docs, browser] = await Promise.all([server.app.listen({ port: 0 }), launchChromium(["--host-resolver-rules=MAP *.run.localhost ~NOTFOUND"])]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await docs?.close();
  });

  it("is shown the run at its own loopback port instead", async () => {
    const page = await runSseExample(browser, new URL(SSE_EXAMPLE_PAGE, docs.url).href, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(Number(new URL((await liveFrame(page, /^http:\/\/127\.0\.0\.1:\d+\/$/)).url()).port)).not.toBe(docs.port);
    await page.context().close();
  });
});
