import { afterAll, describe, expect, it } from "vitest";
import { TestClient } from "chirp/testing";
import { app, tick } from "./app.ts";

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
    expect(page.text).toContain('sse-connect="/events"');
    for (const name of ["tiles", "sparkline", "log"]) expect(page.text).toContain(`sse-swap="${name}"`);
    expect(page.text).toContain("Waiting for the first reading…");
  });

  it("sends every reader the same three named events per reading, in order", async () => {
    await until(() => app.channel("metrics").subscribers === 0);
    const readers = [client.sse("/events", { maxEvents: 6 }), client.sse("/events", { maxEvents: 6 })];
    await until(() => app.channel("metrics").subscribers === 2);
    tick();
    tick();
    const [first, second] = await Promise.all(readers);
    expect(first!.events.map((event) => event.event)).toEqual(["tiles", "sparkline", "log", "tiles", "sparkline", "log"]);
    expect(second!.events).toEqual(first!.events);
    expect(first!.events[0]!.data).toContain("2 <span class=\"unit\">readers</span>");
    expect(first!.events[1]!.data).toMatch(/<polyline points="[\d., ]+"\/>/);
  });

  it("keeps the activity log to the last 20 lines, newest first", async () => {
    await until(() => app.channel("metrics").subscribers === 0);
    const reader = client.sse("/events", { maxEvents: 75 });
    await until(() => app.channel("metrics").subscribers === 1);
    for (let n = 0; n < 25; n += 1) tick();
    const { events } = await reader;
    const log = events.filter((event) => event.event === "log").at(-1)!.data;
    const readings = [...log.matchAll(/<span class="seq">#(\d+)<\/span>/g)].map((match) => Number(match[1]));
    expect(readings).toEqual(Array.from({ length: 20 }, (_, n) => 27 - n));
  });
});
