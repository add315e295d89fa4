import { expect, it } from "vitest";
import { axeViolations } from "../support/axe.ts";
import { createServer } from "../../server/main.ts";
import { docsInChromium } from "../support/docs-in-chromium.ts";

// One run at a time: a second page's run ends the first page's to make room.
const docs = docsInChromium({ runLimits: { maxRuns: 1 } });

it("a run the server stopped to make room for another says so in the status and the live output, not a bare Stopped; a run the page stopped says Stopped", async () => {
  const context = await docs.browser.newContext({ viewport: { width: 1440, height: 1000 }, colorScheme: "light" });
  const page = await context.newPage();
  const address = new URL("/docs/examples/sse/", docs.server.url).href;
  await page.goto(address);
  const status = page.locator(".wb-status");
  await page.locator(".wb-status[data-state=running]").waitFor({ timeout: 60_000 });

  // Another page runs the example: the first page's run is the one ended.
  const other = await context.newPage();
  await other.goto(address);
  const reason = "Ended to make room: at most 1 run at once.";
  await expect.poll(() => status.textContent(), { timeout: 60_000 }).toBe(`Stopped · ${reason}`);
  const live = page.getByRole("region", { name: "Live output" });
  expect(await live.locator(".wb-message p").textContent()).toBe(reason);
  expect(await live.locator(".wb-placeholder").textContent()).toBe("Stopped. Run starts it again.");
  expect(await page.getByRole("button", { name: "Stop", exact: true }).isDisabled()).toBe(true);

  for (const [width, scheme] of [[1440, "light"], [1440, "dark"], [390, "light"], [390, "dark"]] as const) {
    await page.setViewportSize({ width, height: 1000 });
    await page.emulateMedia({ colorScheme: scheme });
    expect(await axeViolations(page), `${width} px, ${scheme}`).toEqual([]);
    const box = (await page.locator("#workbench").boundingBox())!;
    await page.screenshot({ path: `test-results/screenshots/workbench-${width}-${scheme}-stopped-to-make-room.png`, fullPage: true, clip: { ...box, height: Math.min(box.height, 700) } });
  }

  // The other page's run, stopped from its own Stop, says only Stopped.
  await other.locator(".wb-status[data-state=running]").or(other.getByText("Stream ended", { exact: true })).waitFor({ timeout: 60_000 });
  await other.getByRole("button", { name: "Stop", exact: true }).click();
  await expect.poll(() => other.locator(".wb-status").textContent(), { timeout: 30_000 }).toBe("Stopped");
  await context.close();
}, 180_000);

it("a page whose docs server goes away says it is no longer watching the run, not the run's last state", async () => {
  const own = await (await createServer()).app.listen({ port: 0 });
  const context = await docs.browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await page.goto(new URL("/docs/examples/sse/", own.url).href);
  const status = page.locator(".wb-status");
  await page.locator(".wb-status[data-state=running]").waitFor({ timeout: 60_000 });
  await own.close();
  await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe("Not watching · the docs server does not answer");
  const live = page.getByRole("region", { name: "Live output" });
  expect(await live.locator(".wb-message p").textContent()).toMatch(/^The docs server does not answer/);
  for (const [width, scheme] of [[1440, "light"], [390, "dark"]] as const) {
    await page.setViewportSize({ width, height: 1000 });
    await page.emulateMedia({ colorScheme: scheme });
    expect(await axeViolations(page), `${width} px, ${scheme}`).toEqual([]);
    const box = (await page.locator("#workbench").boundingBox())!;
    await page.screenshot({ path: `test-results/screenshots/workbench-${width}-${scheme}-server-gone.png`, fullPage: true, clip: { ...box, height: Math.min(box.height, 700) } });
  }
  await context.close();
}, 180_000);
