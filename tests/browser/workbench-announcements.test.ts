import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { docsInChromium, floodingSseApp, replaceCode } from "../support/docs-in-chromium.ts";

const docs = docsInChromium();

/** How many `tick` events the flood sends. */
const FLOOD = 2_000;

/** What Chromium tells assistive technology about the element at `selector`: its role and how it is live (aria-live). */
async function asAnnounced(page: Page, selector: string): Promise<{ role: unknown; live: unknown }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
    const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
    const { nodes } = await cdp.send("Accessibility.getPartialAXTree", { nodeId, fetchRelatives: false });
    const node = nodes[0]!;
    return { role: node.role?.value, live: node.properties?.find((property) => property.name === "live")?.value.value };
  } finally {
    await cdp.detach();
  }
}

/** One sentence the Event frames pane put in its live region, and when (page time, in ms). */
interface Said {
  at: number;
  text: string;
}

it("tells screen readers the run's status beside Run, and new frames politely, a few sentences for a flood of 2,000", async () => {
  const context = await docs.browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  await page.goto(new URL("/docs/examples/sse/", docs.server.url).href);
  const frames = page.getByRole("region", { name: "Event frames" });

  // The status beside Run is a polite live region, and says what the run does.
  // Polled: the workbench mounts as the page opens, and a node asked about before then is gone.
  await expect.poll(() => asAnnounced(page, ".wb-toolbar .wb-status")).toEqual({ role: "status", live: "polite" });
  await expect.poll(() => page.getByRole("toolbar", { name: "Workbench" }).getByRole("status").textContent(), { timeout: 60_000 }).toBe("Running");

  // The frames pane's announcer, inside the pane's region, is polite too.
  const announcer = frames.getByRole("status");
  await expect.poll(() => asAnnounced(page, ".wb-frames-body [role=status]")).toEqual({ role: "status", live: "polite" });
  // The first run's frames are all told (the example ends with its close event) before the flood starts.
  await expect.poll(() => frames.locator(".wb-frame .wb-event").last().textContent(), { timeout: 60_000 }).toBe("close");
  const first = await frames.locator(".wb-frame").count();
  await expect.poll(() => announcer.textContent(), { timeout: 30_000 }).toMatch(new RegExp(`, ${first} in all\\.$`));

  await replaceCode(page, await floodingSseApp(page, FLOOD));
  await announcer.evaluate((element) => {
    const said: Said[] = [];
    (window as unknown as { said: Said[] }).said = said;
    new MutationObserver(() => element.textContent && said.push({ at: performance.now(), text: element.textContent })).observe(element, { childList: true, characterData: true, subtree: true });
  });
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect.poll(() => frames.locator(".wb-frame .wb-event").last().textContent(), { timeout: 120_000 }).toBe("close");
  const total = await frames.locator(".wb-frame").count();
  expect(total).toBeGreaterThan(FLOOD);
  await expect.poll(() => announcer.textContent(), { timeout: 30_000 }).toMatch(new RegExp(`, ${total} in all\\.$`));

  // Every frame was counted once, in sentences at least a second apart: a few, not one a frame.
  const said = await page.evaluate(() => (window as unknown as { said: Said[] }).said);
  const counted = said.map(({ text }) => Number(/^(\d+) new frames?, \d+ in all\.$/.exec(text)?.[1]));
  expect(counted.reduce((sum, count) => sum + count, 0)).toBe(total);
  expect(said.length).toBeLessThan(FLOOD / 10);
  for (const [index, { at }] of said.entries()) if (index > 0) expect(at - said[index - 1]!.at).toBeGreaterThan(1_000);
  await context.close();
}, 240_000);
