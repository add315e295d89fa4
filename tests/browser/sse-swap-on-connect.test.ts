import { setTimeout as sleep } from "node:timers/promises";
import { expect, it } from "vitest";
import { App, EventStream, SSEEvent } from "chirp";
import { appInChromium } from "../support/app-in-chromium.ts";

// What htmx-ext-sse does in Chromium with sse-swap on the element that carries
// sse-connect, the pattern of Get started's clock: the rule sse-self-swap reports
// only what breaks here.
/** Streams open on /clock now, and how many were ever opened. */
const clock = { open: 0, opened: 0 };

function page(body: string): string {
  return `<!doctype html><title>clock</title><script src="/_chirp/htmx.min.js"></script><script src="/_chirp/htmx-ext-sse.js"></script>${body}`;
}

const live = appInChromium(async () => {
  const app = new App();
  app.route("/", () => page(`<p id="clock" hx-ext="sse" sse-connect="/clock" sse-swap="time">…</p>`));
  app.route("/outer", () => page(`<p id="clock" hx-ext="sse" sse-connect="/clock" sse-swap="time" hx-swap="outerHTML">…</p>`));
  app.route("/clock", { referenced: true }, (req) => {
    async function* ticks() {
      clock.open++;
      clock.opened++;
      try {
        for (let tick = 1; ; tick++) {
          yield new SSEEvent({ event: "time", data: `<time>tick ${tick}</time>` });
          await sleep(100, undefined, { signal: req.signal });
        }
      } finally {
        clock.open--;
      }
    }
    return new EventStream(ticks());
  });
  return app.listen({ port: 0 });
});

it("swaps each event into the connecting element itself, over one connection", async () => {
  const tab = await live.browser.newPage();
  clock.opened = 0;
  await tab.goto(live.server.url);
  await expect.poll(() => tab.locator("#clock time").textContent()).toBe("tick 5");
  expect(clock.opened).toBe(1);
  await tab.close();
  await expect.poll(() => clock.open).toBe(0);
});

it("an outerHTML swap replaces the connecting element, which closes its stream after the first event", async () => {
  const tab = await live.browser.newPage();
  clock.opened = 0;
  await tab.goto(new URL("/outer", live.server.url).href);
  await expect.poll(() => tab.locator("body > time").textContent()).toBe("tick 1");
  await expect.poll(() => clock.open).toBe(0);
  expect(await tab.locator("#clock").count()).toBe(0);
  await tab.close();
});
