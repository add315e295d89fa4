import type { BrowserContext, Page } from "playwright-core";
import { expect, it } from "vitest";
import { docsInChromium, exampleFiles, replaceCode } from "../support/docs-in-chromium.ts";

const docs = docsInChromium();

async function open(width: number, scheme: "light" | "dark" = "light"): Promise<{ context: BrowserContext; page: Page }> {
  const context = await docs.browser.newContext({ viewport: { width, height: 1000 }, colorScheme: scheme });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  await page.goto(new URL("/docs/examples/sse/", docs.server.url).href);
  return { context, page };
}

async function appTs(page: Page): Promise<string> {
  return (await exampleFiles(page, "sse"))["app.ts"]!;
}

const status = (page: Page) => page.locator(".wb-status").textContent();

function shot(page: Page, name: string): Promise<Buffer> {
  return page.locator("#workbench").screenshot({ path: `test-results/screenshots/workbench-${name}.png` });
}

it("says Stream ended once the example's stream has sent its close event and closed", async () => {
  const { context, page } = await open(1440);
  await expect.poll(() => status(page), { timeout: 30_000 }).toBe("Stream ended");
  expect(await page.locator(".wb-frame .wb-event").allTextContents()).toContain("close");
  await context.close();
}, 60_000);

for (const [width, scheme] of [[1440, "light"], [390, "dark"]] as const) {
  it(`at ${width} px (${scheme}): a stream that throws shows Stream error once, linked to its frame, counts the reconnections, and Stop stops the run`, async () => {
    const { context, page } = await open(width, scheme);
    const original = await appTs(page);
    const marker = 'yield new SSEEvent({ data: "connected", event: "status" });';
    await replaceCode(page, original.replace(marker, `${marker}\n    throw new Error("The feed broke.");`));
    await page.getByRole("button", { name: "Run", exact: true }).click();

    await expect.poll(() => status(page), { timeout: 30_000 }).toMatch(/^Stream error/);
    // htmx opens the stream again and again: the replays are counted, the error is said once.
    await expect.poll(() => status(page), { timeout: 30_000 }).toMatch(/^Stream error · reconnected [2-9]\d*×$/);
    expect(await page.locator(".wb-frame-error").count()).toBeGreaterThanOrEqual(2);
    const message = page.getByRole("region", { name: "Live output" }).locator(".wb-message");
    expect(await message.locator("p").allTextContents()).toEqual(["Stream error on /events (connection 1): Error: The feed broke."]);
    await shot(page, `${width}-${scheme}-stream-error`);

    await message.getByRole("button", { name: "Show the frame" }).click();
    const first = page.locator(".wb-frame-error").first();
    expect(await first.locator("details").getAttribute("open")).toBe("");
    expect(await first.locator("summary").evaluate((summary) => summary === document.activeElement)).toBe(true);

    await page.getByRole("button", { name: "Stop", exact: true }).click();
    await expect.poll(() => status(page)).toBe("Stopped");
    expect(await page.getByRole("button", { name: "Stop", exact: true }).isDisabled()).toBe(true);
    await shot(page, `${width}-${scheme}-stopped`);
    await context.close();
  }, 90_000);
}

it("says Reconnecting with the count while the page opens a stream that ends without its close event", async () => {
  const { context, page } = await open(1440);
  const original = await appTs(page);
  await replaceCode(page, original.replace('  sseCloseEvent: "close",\n', "").replace("? fromEnv : 1.5", "? fromEnv : 0.2"));
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect.poll(() => status(page), { timeout: 40_000 }).toMatch(/^Reconnecting \((\d+)\)$/);
  await shot(page, "1440-light-reconnecting");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize({ width: 390, height: 1000 });
  await expect.poll(() => status(page), { timeout: 40_000 }).toMatch(/^Reconnecting \((\d+)\)$/);
  await shot(page, "390-dark-reconnecting");
  await context.close();
}, 90_000);
