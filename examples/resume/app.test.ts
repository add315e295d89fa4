import { afterAll, describe, expect, it } from "vitest";
import { TestClient, type ReceivedEvent } from "chirp/testing";
import { app, tick } from "./app.ts";

// The test counts itself instead of waiting for the clock.
process.env.RESUME_TICK_MS = "3600000";
const counter = app.channel("counter");
/** Streams subscribed to the counter, besides the app's own, which follows the count. */
const readers = () => counter.subscribers - 1;

/** Waits until `condition` holds (the stream has subscribed); the machine may be busy. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** The numbers in tick events. */
const counts = (events: ReceivedEvent[]) => events.filter((event) => event.event === "tick").map((event) => Number(/>(\d+)</.exec(event.data)?.[1]));

describe("the resume example", () => {
  const client = new TestClient(app);
  afterAll(() => client.close());

  it("serves the counter page wired to the stream", async () => {
    const page = await client.get("/");
    expect(page.status).toBe(200);
    expect(page.text).toContain('sse-connect="/events"');
    expect(page.text).toMatch(/sse-swap="tick"\s+hx-get="\/count"\s+hx-trigger="sse:reset"/);
  });

  it("ends streams on Drop without the close event, and resumes after Last-Event-ID with no gap and no repeat", async () => {
    const first = client.sse("/events", { timeoutMs: 10_000 });
    await until(() => readers() === 1);
    tick();
    tick();
    tick();
    expect((await client.post("/drop")).status).toBe(204);
    const before = await first;
    expect(before.stoppedBy).toBe("end");
    expect(before.events[0]).toMatchObject({ event: "hello", data: '<span class="mark">Connected, no Last-Event-ID</span>', id: undefined, retry: 1000 });
    const lastId = before.events.at(-1)!.id!;
    await until(() => readers() === 0);
    tick(); // while the reader is away
    tick();
    const again = client.sse("/events", { maxEvents: 4, headers: { "last-event-id": lastId } });
    await until(() => readers() === 1);
    tick();
    const after = await again;
    expect(after.events[0]!.data).toBe(`<span class="mark">Connected with Last-Event-ID ${lastId}</span>`);
    const seen = [...counts(before.events), ...counts(after.events)];
    expect(seen).toEqual(Array.from({ length: 6 }, (_, n) => seen[0]! + n));
  });

  it("answers a reader that lost more than the history with reset, then goes on", async () => {
    const first = client.sse("/events", { timeoutMs: 10_000 });
    await until(() => readers() === 1);
    tick();
    expect((await client.post("/drop", { form: { lose: "more" } })).status).toBe(204);
    const lastId = (await first).events.at(-1)!.id!;
    const again = client.sse("/events", { maxEvents: 3, headers: { "last-event-id": lastId } });
    await until(() => readers() === 1);
    tick();
    const { events } = await again;
    expect(events.map((event) => event.event)).toEqual(["hello", "reset", "tick"]);
    expect(Number(events[2]!.id)).toBe(Number(events[1]!.id) + 1);
    expect((await client.get("/count")).text).toMatch(/^<span class="n">\d+<\/span>$/);
  });
});
