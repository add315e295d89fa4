import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient, type ReceivedEvent, type SSEResult } from "chirp/testing";
import { app } from "./app.ts";

// The app runs htmx 2 unless CHIRP_HTMX=4; the same routes serve both, and only the wiring differs.
const htmx = app.config.htmx;

/** The notification HTML the stream carries: "notification" events in htmx 2, the inside of each <hx-partial> in htmx 4. */
function notifications(events: ReceivedEvent[]): string[] {
  if (htmx === 2) return events.filter((event) => event.event === "notification").map((event) => event.data);
  const partial = /^<hx-partial hx-target="#notification" hx-swap="beforeend">([\s\S]*)<\/hx-partial>$/;
  return events.filter((event) => event.event === undefined).map((event) => partial.exec(event.data)?.[1] ?? `not a partial: ${event.data}`);
}

describe("the SSE example", () => {
  const client = new TestClient(app);
  let stream: SSEResult;

  beforeAll(async () => {
    process.env.SSE_DELAY = "0";
    stream = await client.sse("/events", { timeoutMs: 10_000 });
  });
  afterAll(() => client.close());

  it("serves the page shell wired for SSE", async () => {
    const page = await client.get("/");
    expect(page.status).toBe(200);
    if (htmx === 2) {
      expect(page.text).toContain('hx-ext="sse" sse-connect="/events" sse-close="close"');
      expect(page.text).toMatch(/sse-swap="notification"\s+hx-swap="beforeend"/);
      expect(page.text).toContain('<script src="/_chirp/htmx-ext-sse.js"></script>');
    } else {
      expect(page.text).toContain('hx-sse:connect="/events" hx-sse:close="close"');
      expect(page.text).toContain('<ol id="notification"');
      expect(page.text).toContain('<script src="/_chirp/hx-sse.js"></script>');
      expect(page.text).not.toContain("sse-swap");
    }
  });

  it("streams status, four notifications, then close, and ends", () => {
    expect(stream.status).toBe(200);
    const fragment = htmx === 2 ? "notification" : undefined;
    expect(stream.events.map((event) => event.event)).toEqual(["status", fragment, fragment, fragment, fragment, "close"]);
    expect(stream.stoppedBy).toBe("end");
  });

  it("starts with the structured status event", () => {
    expect(stream.events[0]).toEqual({ event: "status", data: "connected", id: undefined, retry: undefined });
  });

  it("sends notifications as rendered HTML, with no template syntax left", () => {
    for (const html of notifications(stream.events)) {
      expect(html).toMatch(/^<li class="notification notification--\w+">/);
      expect(html).not.toMatch(/\{\{|\{%|%\}|\}\}/);
    }
  });

  it("sends the notifications in order with their messages", () => {
    const shown = notifications(stream.events).map((html) => [/<strong>(.*?)<\/strong>/.exec(html)?.[1], /<p>(.*?)<\/p>/.exec(html)?.[1]]);
    expect(shown).toEqual([
      ["Welcome", "You are now connected to the live feed."],
      ["Update", "New deployment started."],
      ["Alert", "CPU usage above 90% on worker-3."],
      ["Resolved", "CPU usage back to normal."],
    ]);
  });
});
