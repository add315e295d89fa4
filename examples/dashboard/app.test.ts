import { afterAll, describe, expect, it } from "vitest";
import { TestClient, type ReceivedEvent } from "chirp/testing";
import { app, tick } from "./app.ts";

// The app runs htmx 2 unless CHIRP_HTMX=4; the same routes serve both, and only the wiring differs.
const htmx = app.config.htmx;
const PARTIAL = /^<hx-partial hx-target="#([\w-]+)"(?: hx-swap="[\w-]+")?>([\s\S]*)<\/hx-partial>$/;

/** Where a fragment goes, and its HTML: the event name and data in htmx 2, the <hx-partial>'s target id and content in htmx 4. */
function fragment(event: ReceivedEvent): { name: string | undefined; html: string } {
  if (htmx === 2) return { name: event.event, html: event.data };
  const [, name, html = ""] = PARTIAL.exec(event.data) ?? [];
  return { name, html };
}

// Readers wait on the channel; the test takes the readings itself instead of waiting for the clock.
process.env.DASHBOARD_TICK_MS = "3600000";

/** Waits until `condition` holds (the stream is subscribed); the machine may be busy. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("the live dashboard", () => {
  const client = new TestClient(app);
  afterAll(() => client.close());

  it("serves the page with the current figures, wired to one stream", async () => {
    const page = await client.get("/");
    expect(page.status).toBe(200);
    if (htmx === 2) {
      expect(page.text).toContain('sse-connect="/events"');
      for (const name of ["tiles", "sparkline", "log"]) expect(page.text).toContain(`sse-swap="${name}"`);
    } else {
      expect(page.text).toContain('hx-sse:connect="/events"');
      for (const id of ["tiles", "sparkline", "log"]) expect(page.text).toContain(`id="${id}"`);
      expect(page.text).not.toContain("sse-swap");
    }
    expect(page.text).toContain("Waiting for the first reading…");
  });

  it("sends every reader the same three fragments per reading, in order", async () => {
    await until(() => app.channel("metrics").subscribers === 0);
    const readers = [client.sse("/events", { maxEvents: 6 }), client.sse("/events", { maxEvents: 6 })];
    await until(() => app.channel("metrics").subscribers === 2);
    tick();
    tick();
    const [first, second] = await Promise.all(readers);
    const sent = first!.events.map(fragment);
    expect(sent.map(({ name }) => name)).toEqual(["tiles", "sparkline", "log", "tiles", "sparkline", "log"]);
    expect(second!.events).toEqual(first!.events);
    expect(sent[0]!.html).toContain("2 <span class=\"unit\">readers</span>");
    expect(sent[1]!.html).toMatch(/<polyline points="[\d., ]+"\/>/);
  });

  it("keeps the activity log to the last 20 lines, newest first", async () => {
    await until(() => app.channel("metrics").subscribers === 0);
    const reader = client.sse("/events", { maxEvents: 75 });
    await until(() => app.channel("metrics").subscribers === 1);
    for (let n = 0; n < 25; n += 1) tick();
    const { events } = await reader;
    const log = events.map(fragment).filter(({ name }) => name === "log").at(-1)!.html;
    const readings = [...log.matchAll(/<span class="seq">#(\d+)<\/span>/g)].map((match) => Number(match[1]));
    expect(readings).toEqual(Array.from({ length: 20 }, (_, n) => 27 - n));
  });
});
