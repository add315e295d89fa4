import http from "node:http";
import { getEventListeners } from "node:events";
import { setImmediate as tick } from "node:timers/promises";
import { createParser } from "eventsource-parser";
import { afterEach, describe, expect, it } from "vitest";
import { App, AppConfig, Channel, EventStream, Fragment, SSEEvent, type ChannelOptions } from "chirp";
import { TestClient, type ReceivedEvent } from "chirp/testing";
import { FIXTURE_TEMPLATES as templateDir, serveChannel } from "../support/channel-app.ts";
import { waitFor } from "../support/wait-for.ts";

let client: TestClient | undefined;
afterEach(() => client?.close());


/** A seeded pseudo-random number generator (mulberry32), so a failing run can be repeated. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("Channel", () => {
  it("refuses bad options and values with a clear error", () => {
    expect(() => new Channel({ history: -1 })).toThrow("Channel history must be an integer of at least 0, got -1");
    expect(() => new Channel({ queue: 0 })).toThrow("Channel queue must be an integer of at least 1, got 0");
    expect(() => new Channel({ firstId: 1.5 } as ChannelOptions)).toThrow("Channel firstId must be an integer");
    expect(() => new Channel().publish(undefined)).toThrow("Channel.publish: cannot send undefined as an event");
  });

  it("gives 1,000 subscribers all of 1,000 events, in publish order, and renders each Fragment once", async () => {
    const channel = new Channel();
    const { app, client } = serveChannel(channel);
    let renders = 0;
    app.templates.environment.addGlobal("countRender", () => {
      renders += 1;
      return "";
    });
    const readers = Array.from({ length: 1_000 }, () => client.sse("/events", { maxEvents: 1_000, timeoutMs: 120_000 }));
    await waitFor(() => channel.subscribers === 1_000, "1,000 subscribers", 60_000);
    for (let n = 0; n < 999; n += 1) channel.publish(String(n));
    channel.publish(new Fragment("tick.html", "tick", { n: 999 }));
    const results = await Promise.all(readers);
    const expected = [...Array.from({ length: 999 }, (_, n) => String(n)), "<b>999</b>"];
    for (const result of results) {
      expect(result.stoppedBy).toBe("maxEvents");
      expect(result.events.map((event) => event.data)).toEqual(expected);
    }
    expect(results[0]!.events.at(-1)!.event).toBe("tick");
    expect(renders).toBe(1);
  });

  it("counts subscribers and leaves none, and no timer or listener, after 10,000 subscribe/disconnect cycles", async () => {
    const channel = new Channel({ history: 10 });
    const reconnectWhen = new AbortController().signal;
    const app = new App({ config: new AppConfig({ templateDir }) });
    app.route("/events", { referenced: true }, (req) => new EventStream(channel.subscribe(req, { signal: reconnectWhen })));
    client = new TestClient(app);
    const url = new URL("/events", await client.url());
    const agent = new http.Agent({ keepAlive: false, maxSockets: 50 });
    const timersBefore = process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    const cycle = (n: number) =>
      new Promise<void>((resolve, reject) => {
        // The response's headers arrive once the handler has subscribed.
        const request = http.get(url, { agent, headers: n % 3 === 0 ? { "last-event-id": String(n % 40) } : {} }, () => {
          request.destroy();
          resolve();
        });
        request.on("error", (error) => (request.destroyed ? resolve() : reject(error)));
        if (n % 7 === 0) channel.publish(`cycle ${n}`);
      });
    for (let batch = 0; batch < 10_000; batch += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, i) => cycle(batch + i)));
    }
    agent.destroy();
    await waitFor(() => channel.subscribers === 0, "every subscriber to leave", 30_000);
    expect(getEventListeners(reconnectWhen, "abort")).toHaveLength(0);
    await waitFor(() => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length <= timersBefore, "no timers left", 10_000);
  });

  it("cuts off a reader that stopped reading, with reset and no close event, while the others get everything and the server holds a bounded amount for it", async () => {
    const channel = new Channel({ history: 100, queue: 20 });
    const app = new App({ config: new AppConfig({ templateDir, sseCloseEvent: "close" }) });
    app.route("/events", { referenced: true }, (req) => new EventStream(channel.subscribe(req), { heartbeatMs: 0 }));
    const responses: http.ServerResponse[] = [];
    const server = http.createServer((request, response) => {
      responses.push(response);
      app.handler(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/events`;
    try {
      // The stalled reader: connected, then never reads again until told to.
      let stalledText = "";
      let stalledEnded = false;
      const stalled = await new Promise<http.IncomingMessage>((resolve) => http.get(url, resolve));
      stalled.pause();
      await waitFor(() => channel.subscribers === 1, "the stalled reader to subscribe");
      const readers = Array.from({ length: 5 }, () => {
        const events: ReceivedEvent[] = [];
        const parser = createParser({ onEvent: ({ data, event, id }) => events.push({ data, event, id, retry: undefined }) });
        const done = new Promise<void>((resolve) => {
          http.get(url, (response) => {
            response.setEncoding("utf8");
            response.on("data", (text: string) => parser.feed(text));
            response.on("end", resolve);
          });
        });
        return { events, done };
      });
      await waitFor(() => channel.subscribers === 6, "all six readers to subscribe");

      const big = "x".repeat(16 * 1024);
      let published = 0;
      while (channel.subscribers === 6) {
        channel.publish(`${published}:${big}`);
        published += 1;
        if (published % 5 === 0) await waitFor(() => readers.every((reader) => reader.events.length === published), "the live readers to keep up", 30_000);
      }
      const cutAt = channel.lastEventId;
      // 32 MB more: the cut-off reader's response must not take any of it.
      const heldAtCut = responses[0]!.writableLength;
      for (let more = 0; more < 2_000; more += 1) {
        channel.publish(`${published}:${big}`);
        published += 1;
        if (published % 5 === 0) await waitFor(() => readers.every((reader) => reader.events.length === published), "the live readers to keep up", 30_000);
      }
      await waitFor(() => readers.every((reader) => reader.events.length === published), "the live readers to get everything", 30_000);
      expect(channel.subscribers).toBe(5);
      expect(responses[0]!.writableLength).toBe(heldAtCut);
      expect(heldAtCut).toBeLessThan(1024 * 1024);
      for (const reader of readers) expect(reader.events.map((event) => Number(event.data.split(":")[0]))).toEqual(Array.from({ length: published }, (_, n) => n));

      // Reading again, the stalled reader gets what was already on its way, then reset, then the end: no close event.
      const stalledEvents: ReceivedEvent[] = [];
      const parser = createParser({ onEvent: ({ data, event, id }) => stalledEvents.push({ data, event, id, retry: undefined }) });
      stalled.setEncoding("utf8");
      stalled.on("data", (text: string) => {
        stalledText += text;
        parser.feed(text);
      });
      stalled.on("end", () => (stalledEnded = true));
      stalled.resume();
      await waitFor(() => stalledEnded, "the cut-off stream to end", 30_000);
      expect(stalledText).not.toContain("event: close");
      expect(stalledEvents.at(-1)).toMatchObject({ event: "reset", id: cutAt });
      expect(stalledEvents.length).toBeLessThan(published - 1_000);
      channel.publish("after");
      for (const reader of readers) await waitFor(() => reader.events.at(-1)?.data === "after", "the live readers to go on");
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("Channel ids, history and resume", () => {
  it("numbers events from firstId and keeps the last `history` of them", async () => {
    const channel = new Channel({ history: 3, firstId: 41 });
    const { client } = serveChannel(channel);
    for (const word of ["a", "b", "c", "d"]) channel.publish(word);
    expect(channel.lastEventId).toBe("44");
    const resumed = await client.sse("/events", { headers: { "last-event-id": "41" }, maxEvents: 3 });
    expect(resumed.events.map((event) => [event.id, event.data])).toEqual([["42", "b"], ["43", "c"], ["44", "d"]]);
  });

  it("gives a published SSEEvent the channel's id, and leaves ids off without history", async () => {
    const withHistory = new Channel({ history: 5 });
    const { client } = serveChannel(withHistory);
    const reading = client.sse("/events", { maxEvents: 1 });
    await waitFor(() => withHistory.subscribers === 1, "the reader");
    withHistory.publish(new SSEEvent({ data: "hi", event: "greet", id: "mine" }));
    expect((await reading).events).toEqual([{ data: "hi", event: "greet", id: "1", retry: undefined }]);
    await client.close();

    const plain = new Channel();
    const second = serveChannel(plain).client;
    const plainReading = second.sse("/events", { maxEvents: 1, headers: { "last-event-id": "3" } });
    await waitFor(() => plain.subscribers === 1, "the reader");
    plain.publish(new SSEEvent({ data: "hi", id: "mine" }));
    expect((await plainReading).events[0]!.id).toBe("mine");
  });

  it("resumes from the lastEventId query parameter, and prefers the Last-Event-ID header", async () => {
    const channel = new Channel({ history: 10 });
    const { client } = serveChannel(channel);
    for (let n = 1; n <= 5; n += 1) channel.publish(`n${n}`);
    const byQuery = await client.sse("/events?lastEventId=3", { maxEvents: 2 });
    expect(byQuery.events.map((event) => event.id)).toEqual(["4", "5"]);
    const byHeader = await client.sse("/events?lastEventId=1", { maxEvents: 1, headers: { "last-event-id": "4" } });
    expect(byHeader.events.map((event) => event.id)).toEqual(["5"]);
  });

  it("answers an expired, unknown or malformed id with one reset event that moves the reader to now, then goes on live", async () => {
    const channel = new Channel({ history: 5 });
    const { client } = serveChannel(channel);
    for (let n = 1; n <= 20; n += 1) channel.publish(`n${n}`);
    for (const stale of ["3", "14", "999", "abc", "-1"]) {
      const reading = client.sse("/events", { maxEvents: 2, headers: { "last-event-id": stale } });
      await waitFor(() => channel.subscribers === 1, "the reader");
      channel.publish("live");
      const { events } = await reading;
      expect(events[0]).toMatchObject({ event: "reset", id: String(Number(channel.lastEventId) - 1) });
      expect(events[1]).toMatchObject({ data: "live", id: channel.lastEventId });
      await waitFor(() => channel.subscribers === 0, "the reader to leave");
    }
    // The oldest kept event's predecessor is still a valid place to resume from.
    const edge = await client.sse("/events", { maxEvents: 5, headers: { "last-event-id": String(Number(channel.lastEventId) - 5) } });
    expect(edge.events.map((event) => event.event)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it("caps a replay at the queue size: a longer one is a reset", async () => {
    const channel = new Channel({ history: 1_000, queue: 10 });
    const { client } = serveChannel(channel);
    for (let n = 1; n <= 100; n += 1) channel.publish(`n${n}`);
    const far = await client.sse("/events", { maxEvents: 1, headers: { "last-event-id": "50" } });
    expect(far.events[0]).toMatchObject({ event: "reset", id: "100" });
    const near = await client.sse("/events", { maxEvents: 10, headers: { "last-event-id": "90" } });
    expect(near.events.map((event) => event.id)).toEqual(["91", "92", "93", "94", "95", "96", "97", "98", "99", "100"]);
  });

  it("loses and repeats nothing when a reader drops at random points while events keep coming (200 drops)", async () => {
    const channel = new Channel({ history: 500 });
    const { client } = serveChannel(channel);
    const total = 3_000;
    const next = random(20261125);
    const publishing = (async () => {
      for (let n = 1; n <= total; n += 1) {
        channel.publish({ n });
        if (next() < 0.5) await tick();
      }
    })();
    const seen: number[] = [];
    let lastId: string | undefined;
    let drops = 0;
    while (seen.length < total) {
      const take = Math.min(1 + Math.floor(next() * 20), total - seen.length);
      const { events } = await client.sse("/events", { maxEvents: take, timeoutMs: 30_000, headers: lastId ? { "last-event-id": lastId } : { "last-event-id": "0" } });
      expect(events.map((event) => event.event)).not.toContain("reset");
      seen.push(...events.map((event) => (JSON.parse(event.data) as { n: number }).n));
      lastId = events.at(-1)?.id ?? lastId;
      drops += 1;
    }
    await publishing;
    expect(drops).toBeGreaterThanOrEqual(200);
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  });
});

describe("how a channel stream ends", () => {
  it("ends without the close event when the subscription's own signal aborts, so the browser reconnects", async () => {
    const channel = new Channel({ history: 10 });
    const drop = new AbortController();
    const app = new App({ config: new AppConfig({ templateDir, sseCloseEvent: "close" }) });
    app.route("/events", { referenced: true }, (req) => new EventStream(channel.subscribe(req, { signal: drop.signal }), { retry: 1500 }));
    client = new TestClient(app);
    const reading = client.sse("/events", { timeoutMs: 10_000 });
    await waitFor(() => channel.subscribers === 1, "the reader");
    channel.publish("one");
    drop.abort();
    const result = await reading;
    expect(result.stoppedBy).toBe("end");
    expect(result.events).toEqual([{ data: "one", event: undefined, id: "1", retry: 1500 }]);
    expect(result.raw).not.toContain("close");
    expect(channel.subscribers).toBe(0);
  });

  it("sends the close event when a route's generator ends after the subscription", async () => {
    const channel = new Channel();
    const enough = new AbortController();
    const app = new App({ config: new AppConfig({ templateDir, sseCloseEvent: "close" }) });
    app.route("/events", { referenced: true }, (req) => {
      async function* stream() {
        yield "hello";
        for await (const value of channel.subscribe({ signal: AbortSignal.any([req.signal, enough.signal]) })) yield value;
        yield "bye";
      }
      return new EventStream(stream());
    });
    client = new TestClient(app);
    const reading = client.sse("/events");
    await waitFor(() => channel.subscribers === 1, "the reader");
    enough.abort();
    expect((await reading).events.map((event) => [event.event, event.data])).toEqual([[undefined, "hello"], [undefined, "bye"], ["close", ""]]);
    expect(channel.subscribers).toBe(0);
  });
});
