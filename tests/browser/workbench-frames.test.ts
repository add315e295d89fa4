import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { docsInChromium, floodingSseApp, replaceCode } from "../support/docs-in-chromium.ts";

const docs = docsInChromium();

it("shows the filter's first choice, All events, in full beside the pane's buttons", async () => {
  const context = await docs.browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await page.goto(new URL("/docs/examples/sse/", docs.server.url).href);
  const filter = page.getByRole("region", { name: "Event frames" }).getByLabel("Show events");
  await expect.poll(() => filter.locator("option").count(), { timeout: 30_000 }).toBeGreaterThan(1);
  // The room for the chosen option's text: the select's width less its padding and its arrow.
  const room = await filter.evaluate((select: HTMLSelectElement) => {
    const style = getComputedStyle(select);
    const probe = Object.assign(document.createElement("span"), { textContent: select.options[0]!.text });
    probe.style.font = style.font;
    document.body.append(probe);
    const text = probe.getBoundingClientRect().width;
    probe.remove();
    const arrow = 20;
    return select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - arrow - text;
  });
  expect(room).toBeGreaterThanOrEqual(0);
  await context.close();
}, 60_000);

it("prints a frame's data at the size of the frame's other text, not as the prose's smaller inline code", async () => {
  const context = await docs.browser.newContext({ viewport: { width: 390, height: 800 }, isMobile: true });
  const page = await context.newPage();
  await page.goto(new URL("/docs/examples/sse/", docs.server.url).href);
  const data = page.getByRole("region", { name: "Event frames" }).locator(".wb-frame .wb-data").first();
  await data.waitFor({ timeout: 60_000 });
  const [own, frame] = await data.evaluate((element) => [getComputedStyle(element).fontSize, getComputedStyle(element.closest("summary")!).fontSize]);
  expect(own).toBe(frame);
  expect(parseFloat(own!)).toBeGreaterThanOrEqual(12);
  await context.close();
}, 90_000);

for (const [width, scheme] of [[1440, "light"], [390, "dark"]] as const) {
  it(`at ${width} px (${scheme}), 100,000 events: the pane keeps the newest 5,000, says how many earlier ones it let go, stays usable, and saves what it holds as JSON and .sse`, async () => {
    const context = await docs.browser.newContext({ viewport: { width, height: 1000 }, colorScheme: scheme, acceptDownloads: true });
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const page = await context.newPage();
    await page.goto(new URL("/docs/examples/sse/", docs.server.url).href);
    const frames = page.getByRole("region", { name: "Event frames" });

    const filter = frames.getByLabel("Show events");
    await replaceCode(page, await floodingSseApp(page, 100_000));
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => frames.locator(".wb-frame .wb-event").last().textContent(), { timeout: 120_000 }).toBe("close");
    expect(await frames.locator(".wb-frames > li").count()).toBe(5_000);
    const earlier = Number((await frames.locator(".wb-earlier").textContent())!.match(/^([\d,]+) earlier frames not shown/)![1]!.replaceAll(",", ""));
    expect(earlier).toBeGreaterThanOrEqual(95_000);
    await frames.screenshot({ path: `test-results/screenshots/workbench-${width}-${scheme}-frames-capped.png` });

    // Still usable: filtering and pausing answer at once.
    await filter.selectOption("close");
    expect(await frames.locator(".wb-frame .wb-event").allTextContents()).toEqual(["close"]);
    await filter.selectOption("");
    await frames.getByRole("button", { name: "Pause" }).click();
    expect(await frames.getByRole("button", { name: "Resume (0)" }).count()).toBe(1);

    // Save: what the pane holds, as JSON and as the exact stream text.
    const [json] = await Promise.all([page.waitForEvent("download"), frames.getByRole("button", { name: "Save JSON" }).click()]);
    const saved = JSON.parse(await readFile((await json.path())!, "utf8")) as { type: string; event?: string }[];
    expect(saved).toHaveLength(5_000);
    expect(saved.at(-1)).toMatchObject({ type: "closed" });
    const [sse] = await Promise.all([page.waitForEvent("download"), frames.getByRole("button", { name: "Save .sse" }).click()]);
    expect(sse.suggestedFilename()).toBe("frames.sse");
    const text = await readFile((await sse.path())!, "utf8");
    expect(text).toMatch(/^event: tick\ndata: \d+\n\n/);
    expect(text).toMatch(/event: close\ndata: ?\n\n: connection 1 closed after \d+ ms\n\n$/);
    await context.close();
  }, 240_000);
}
