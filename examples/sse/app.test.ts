import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient, type SSEResult } from "chirp/testing";
import { app } from "./app.ts";

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
    expect(page.text).toContain('hx-ext="sse"');
    expect(page.text).toContain('sse-connect="/events"');
    expect(page.text).toContain('sse-close="close"');
    expect(page.text).toMatch(/sse-swap="notification"\s+hx-swap="beforeend"/);
    expect(page.text).toContain('<script src="/_chirp/htmx-ext-sse.js"></script>');
  });

  it("streams status, four notifications, then close, and ends", () => {
    expect(stream.status).toBe(200);
    expect(stream.events.map((event) => event.event)).toEqual(["status", "notification", "notification", "notification", "notification", "close"]);
    expect(stream.stoppedBy).toBe("end");
  });

  it("starts with the structured status event", () => {
    expect(stream.events[0]).toEqual({ event: "status", data: "connected", id: undefined, retry: undefined });
  });

  it("sends notifications as rendered HTML, with no template syntax left", () => {
    for (const notification of stream.events.filter((event) => event.event === "notification")) {
      expect(notification.data).toMatch(/^<li class="notification notification--\w+">/);
      expect(notification.data).not.toMatch(/\{\{|\{%|%\}|\}\}/);
    }
  });

  it("sends the notifications in order with their messages", () => {
    const shown = stream.events
      .filter((event) => event.event === "notification")
      .map((event) => [/<strong>(.*?)<\/strong>/.exec(event.data)?.[1], /<p>(.*?)<\/p>/.exec(event.data)?.[1]]);
    expect(shown).toEqual([
      ["Welcome", "You are now connected to the live feed."],
      ["Update", "New deployment started."],
      ["Alert", "CPU usage above 90% on worker-3."],
      ["Resolved", "CPU usage back to normal."],
    ]);
  });
});
