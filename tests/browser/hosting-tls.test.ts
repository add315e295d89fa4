import http from "node:http";
import https from "node:https";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Listening } from "chirp";
import { createServer } from "../../server/main.ts";
import { freePort } from "../../scripts/free-port.ts";
import { launchChromium } from "../support/browser.ts";
import { recordCspViolations } from "../support/csp-violations.ts";
import { liveFrame } from "../support/docs-in-chromium.ts";
import { HOSTING_CONFIG, Nginx } from "../support/nginx.ts";
import { SCREENSHOT_DIR } from "../support/screenshots.ts";
import { notificationTimes, runSseExample, SSE_EXAMPLE_PAGE as PAGE, workbenchShot } from "../support/sse-example-in-chromium.ts";
import { TestCertificate } from "../support/test-certificate.ts";

/** The answer to a GET, or "closed" when the connection or the TLS handshake is closed without one. */
function statusOf(send: (done: (answer: http.IncomingMessage) => void) => http.ClientRequest): Promise<{ status: number; location?: string } | "closed"> {
  return new Promise((resolve) => {
    send((answer) => {
      answer.resume();
      resolve({ status: answer.statusCode ?? 0, ...(answer.headers.location ? { location: answer.headers.location } : {}) });
    }).on("error", () => resolve("closed"));
  });
}

/** A GET to nginx's https port for `host` (its name sent in the TLS handshake too), trusting only the test's CA. */
const overHttps = (nginx: Nginx, certificate: TestCertificate, host: string, target = "/") =>
  statusOf((done) => https.get({ host: "127.0.0.1", port: nginx.port(443), path: target, servername: host.replace(/:\d+$/, ""), headers: { host }, ca: certificate.ca }, done));

/** A GET to nginx's plain http port for `host`. */
const overHttp = (nginx: Nginx, host: string, target = "/") => statusOf((done) => http.get({ host: "127.0.0.1", port: nginx.port(80), path: target, headers: { host } }, done));

describe("the docs in public mode behind nginx over https (deploy/nginx-docs.conf)", () => {
  let certificate: TestCertificate;
  let nginx: Nginx;
  let docs: Listening;
  let browser: Browser;
  let docsUrl: string;
  let tlsPort: number;

  beforeAll(async () => {
    const docsPort = await freePort();
    // The documented configuration, its names made the test's (docs.test and *.run.docs.test, both resolved to
    // loopback by Chromium) and its certificate a throwaway one. Chromium trusts that certificate by its key's
    // hash, and is given no flag that makes an insecure origin secure: Run works because the page is https.
    certificate = TestCertificate.make(["docs.test", "*.run.docs.test"]);
    nginx = await Nginx.start([docsPort], "60s", { config: HOSTING_CONFIG, names: { "docs.example.com": "docs.test", "runs.example.com": "run.docs.test" }, tls: certificate });
    tlsPort = nginx.port(443);
    docsUrl = `https://docs.test:${tlsPort}`;
    const server = await createServer({ hosting: { readOnly: true, publicUrl: docsUrl, runDomain: "run.docs.test", trustProxy: true } });
    [docs, browser] = await Promise.all([
      server.app.listen({ port: docsPort }),
      launchChromium(["--host-resolver-rules=MAP docs.test 127.0.0.1, MAP *.run.docs.test 127.0.0.1", `--ignore-certificate-errors-spki-list=${certificate.spkiHash}`]),
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await docs?.close();
    await nginx?.stop();
    certificate?.remove();
  });

  it("runs the SSE example at https://<run-id>.run.docs.test through nginx's one port: live output and Event frames", async () => {
    const address = new RegExp(`^https://[0-9a-f]{32}\\.run\\.docs\\.test:${tlsPort}/$`);
    let cspViolations: string[] = [];
    const insecure: string[] = [];
    const page = await runSseExample(browser, `${docsUrl}${PAGE}`, address, 1440, async (opening) => {
      cspViolations = await recordCspViolations(opening);
      opening.on("console", (message) => /mixed content|insecure|certificate/i.test(message.text()) && insecure.push(message.text()));
    });
    // The page as a reader sees it after Run (its first screen), served over https.
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "hosting-https-page-1440.png") });
    expect(cspViolations).toEqual([]);
    expect(insecure).toEqual([]);
    // Both the docs page and the run in its live output came over https, on HTTP/2.
    const security = () => ({ secure: window.isSecureContext, protocol: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).nextHopProtocol });
    expect(await page.evaluate(security)).toEqual({ secure: true, protocol: "h2" });
    expect(await (await liveFrame(page, address)).evaluate(security)).toEqual({ secure: true, protocol: "h2" });
    expect(await page.locator(".wb-note").textContent()).toMatch(/one process every reader shares/);
    // Unbuffered all the way: the example sends a notification every 1.5 s, and the page showed them as
    // they came (a buffering proxy would hand over all four at the end of the stream, at once).
    const times = await notificationTimes(page, address);
    expect(times).toHaveLength(4);
    expect(times[3]!, `notifications shown at ${times.join(", ")} ms`).toBeGreaterThanOrEqual(4000);
    await workbenchShot(page, "hosting-https-1440");
    await page.context().close();

    const narrow = await runSseExample(browser, `${docsUrl}${PAGE}`, address, 390);
    await workbenchShot(narrow, "hosting-https-390");
    await narrow.context().close();
  });

  it("Share and Copy link give the page's public address, also to the operator who opened it on the docs server's loopback port", async () => {
    for (const opened of [`${docsUrl}${PAGE}`, `${docs.url.replace(/\/$/, "")}${PAGE}`]) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(opened).origin });
      const page = await context.newPage();
      await page.goto(opened);
      const share = page.getByRole("button", { name: "Share", exact: true });
      expect(await share.getAttribute("title")).toBe("Copy a link to this example page");
      await share.focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${docsUrl}${PAGE}`);
      expect(await page.locator(".wb-noted", { has: share }).getByRole("status").textContent()).toBe("Link copied: this example page, as this server runs it");
      // The page actions' Copy link gives the same address.
      await page.evaluate(() => navigator.clipboard.writeText(""));
      await page.getByRole("button", { name: "Page actions" }).click();
      await page.getByRole("menuitem", { name: "Copy link" }).click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${docsUrl}${PAGE}`);
      expect(await page.locator(".actions-status").textContent()).toBe("Link copied");
      await context.close();
    }
  });

  it("answers only its own names, sends plain http to https, and tells browsers to keep to https", async () => {
    expect(await overHttps(nginx, certificate, `docs.test:${tlsPort}`)).toEqual({ status: 200 });
    expect(await overHttps(nginx, certificate, `${"0".repeat(32)}.run.docs.test:${tlsPort}`)).toEqual({ status: 404 });
    expect(await overHttps(nginx, certificate, `${"0".repeat(32)}.run.docs.test:1`)).toEqual({ status: 403 });
    // A foreign name is refused in the handshake, before any certificate is shown.
    expect(await overHttps(nginx, certificate, "evil.test")).toBe("closed");
    expect(await overHttp(nginx, "docs.test", PAGE)).toEqual({ status: 301, location: `https://docs.test${PAGE}` });
    expect(await overHttp(nginx, "evil.test")).toBe("closed");
    const page = await (await browser.newContext()).newPage();
    const answer = await page.goto(`${docsUrl}${PAGE}`);
    expect(answer?.headers()["strict-transport-security"]).toBe("max-age=31536000");
    await page.context().close();
  });
});
