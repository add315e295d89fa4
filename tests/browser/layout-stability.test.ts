import { describe, expect, it } from "vitest";
import { docsInChromium } from "../support/docs-in-chromium.ts";

const docs = docsInChromium();

/** One layout shift the page saw: its score and what moved, from where to where. */
interface Shift {
  value: number;
  moved: string[];
}

describe("the example page holds still as its workbench starts", () => {
  // The examples whose first runs moved the toolbar on a phone (Lighthouse measured CLS 0.027–0.051).
  for (const example of ["hello", "llm-stream"]) {
    it(`${example}: no layout shift on a 375 px phone from load until the run is going and its types are checked`, async () => {
      const context = await docs.browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
      const page = await context.newPage();
      await page.addInitScript(() => {
        const shifts: Shift[] = [];
        (window as unknown as { shifts: Shift[] }).shifts = shifts;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; sources: { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[] })[]) {
            const moved = entry.sources.map(({ node, previousRect: from, currentRect: to }) => `${(node as Element | undefined)?.className ?? node?.nodeName} ${from.x},${from.y} → ${to.x},${to.y}`);
            shifts.push({ value: entry.value, moved });
          }
        }).observe({ type: "layout-shift", buffered: true });
      });
      await page.goto(new URL(`/docs/examples/${example}/`, docs.server.url).href);
      await page.locator(".wb-status[data-state=running]").waitFor({ timeout: 90_000 });
      await page.locator(".wb-check-summary", { hasText: /type error/ }).or(page.getByText("No type errors")).waitFor({ timeout: 90_000 });
      expect(await page.evaluate(() => (window as unknown as { shifts: Shift[] }).shifts)).toEqual([]);
      await context.close();
    }, 180_000);
  }
});
