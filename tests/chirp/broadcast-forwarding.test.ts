import http from "node:http";
import { setImmediate as tick } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { App, AppConfig, Channel, EventStream, Fragment } from "chirp";
import { TestClient } from "chirp/testing";
import { FIXTURE_TEMPLATES as templateDir, serveChannel } from "../support/channel-app.ts";
import { waitFor } from "../support/wait-for.ts";

// A channel's stream takes a broadcast from inside publish() when it waits with nothing queued
// and its socket has room (see Subscription.forwardTo); these are the cases where it cannot.

let client: TestClient | undefined;
afterEach(() => client?.close());


describe("a channel's stream, taking broadcasts from publish()", () => {
  it("leaves no unhandled rejection when its reader is cut off before reading a fragment whose asynchronous render then fails", async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on("unhandledRejection", onRejection);
    try {
      const channel = new Channel({ queue: 1 });
      const { app, client } = serveChannel(channel);
      let fail: (() => void) | undefined;
      app.templates.environment.addFilter("later", (_word: string, done: (error: Error | null, value?: string) => void) => {
        fail = () => done(new Error("the render failed"));
      }, true);
      const reading = client.sse("/events", { maxEvents: 2, timeoutMs: 30_000 });
      await waitFor(() => channel.subscribers === 1, "the reader to subscribe");
      channel.publish("hello");
      // The fragment's render starts and waits; the next event finds the reader's queue full and cuts it off.
      channel.publish(new Fragment("async-filter.html", "shout", { word: "hey" }));
      channel.publish("one too many");
      const result = await reading;
      expect(result.events.map(({ event, data }) => event ?? data)).toEqual(["hello", "reset"]);
      await waitFor(() => fail, "the fragment's render to start");
      fail!();
      await tick();
      await tick();
      expect(rejections).toEqual([]);
    } finally {
      process.off("unhandledRejection", onRejection);
    }
  });

  it("cuts off a reader that stops reading once an event sent from publish() has filled its socket, though nothing is published after", async () => {
    const channel = new Channel();
    const { client } = serveChannel(channel, { sseStallTimeoutMs: 200 });
    const url = new URL("/events", await client.url());
    const response = await new Promise<http.IncomingMessage>((resolve) => http.get(url, resolve));
    response.pause();
    try {
      await waitFor(() => channel.subscribers === 1, "the reader to subscribe");
      // Far more than the socket buffers hold: the write leaves the socket full.
      channel.publish("x".repeat(32 * 1024 * 1024));
      await waitFor(() => channel.subscribers === 0, "the stalled reader to be cut off", 20_000);
    } finally {
      response.destroy();
    }
  });

  it("gives the streams of two apps sharing one channel, on htmx 2 and htmx 4, each its own app's event for one published Fragment", async () => {
    const channel = new Channel({ history: 10 });
    const clients = [2, 4].map((htmx) => {
      const app = new App({ config: new AppConfig({ templateDir, htmx: htmx as 2 | 4 }) });
      app.route("/events", { referenced: true }, (req) => new EventStream(channel.subscribe(req), { heartbeatMs: 0 }));
      return new TestClient(app);
    });
    try {
      const reading = clients.map((each) => each.sse("/events", { maxEvents: 2, timeoutMs: 30_000 }));
      await waitFor(() => channel.subscribers === 2, "both apps' readers to subscribe");
      for (let n = 1; n <= 2; n++) channel.publish(new Fragment("list.html", "row", { id: n, label: "x" }, { target: "rows" }));
      const [htmx2, htmx4] = await Promise.all(reading);
      expect(htmx2!.events).toEqual([1, 2].map((n) => ({ data: `<li id="row-${n}">x</li>`, event: "rows", id: String(n), retry: undefined })));
      expect(htmx4!.events).toEqual([1, 2].map((n) => ({ data: `<hx-partial hx-target="#rows"><li id="row-${n}">x</li></hx-partial>`, event: undefined, id: String(n), retry: undefined })));
    } finally {
      await Promise.all(clients.map((each) => each.close()));
    }
  });

  it("keeps publish order when a fragment in the middle waits for an asynchronous filter, for every reader", async () => {
    const channel = new Channel();
    const { app, client } = serveChannel(channel);
    let resume: (() => void) | undefined;
    app.templates.environment.addFilter("later", (word: string, done: (error: Error | null, value?: string) => void) => {
      resume = () => done(null, `${word}!`);
    }, true);
    const reading = [1, 2].map(() => client.sse("/events", { maxEvents: 4, timeoutMs: 30_000 }));
    await waitFor(() => channel.subscribers === 2, "two readers to subscribe");
    channel.publish("before");
    channel.publish(new Fragment("async-filter.html", "shout", { word: "hey" }));
    channel.publish("after");
    await tick();
    channel.publish("later still");
    await waitFor(() => resume, "the fragment's render to start");
    resume!();
    for (const { events } of await Promise.all(reading)) {
      expect(events.map(({ data }) => data)).toEqual(["before", "<b>hey!</b>", "after", "later still"]);
    }
  });

  it("sends a published fragment that fails to render as an error block in its place in debug, and skips it otherwise", async () => {
    for (const debug of [true, false]) {
      const channel = new Channel();
      const app = new App({ config: new AppConfig({ templateDir, debug }) });
      app.route("/events", { referenced: true }, (req) => new EventStream(channel.subscribe(req), { heartbeatMs: 0 }));
      const each = new TestClient(app);
      try {
        const reading = each.sse("/events", { maxEvents: debug ? 2 : 1, timeoutMs: 30_000 });
        await waitFor(() => channel.subscribers === 1, "the reader to subscribe");
        channel.publish(new Fragment("broken-render.html", "items", { item: { name: "a" } }));
        channel.publish("next");
        const { events } = await reading;
        if (debug) {
          expect(events[0]!.event).toBe("items");
          expect(events[0]!.data).toContain("broken-render.html:4:26");
          expect(events[1]!.data).toBe("next");
        } else {
          expect(events.map(({ data }) => data)).toEqual(["next"]);
        }
      } finally {
        await each.close();
      }
    }
  });

  it("keeps publish order and ids for an event published while a broadcast renders (a template global that publishes), for every reader", async () => {
    const channel = new Channel({ history: 10 });
    const { app, client } = serveChannel(channel);
    let publishing = true;
    app.templates.environment.addGlobal("countRender", () => {
      if (publishing) {
        publishing = false;
        channel.publish("published while rendering");
      }
      return "";
    });
    const reading = [1, 2].map(() => client.sse("/events", { maxEvents: 2, timeoutMs: 30_000 }));
    await waitFor(() => channel.subscribers === 2, "two readers to subscribe");
    channel.publish(new Fragment("tick.html", "tick", { n: 1 }));
    for (const { events } of await Promise.all(reading)) {
      expect(events.map(({ id, data }) => [id, data])).toEqual([["1", "<b>1</b>"], ["2", "published while rendering"]]);
    }
  });

  it("names one published string after each stream's own eventType", async () => {
    const channel = new Channel();
    const app = new App({ config: new AppConfig({ templateDir }) });
    for (const name of ["a", "b"]) app.route(`/${name}`, { referenced: true }, (req) => new EventStream(channel.subscribe(req), { eventType: name, heartbeatMs: 0 }));
    client = new TestClient(app);
    const reading = ["/a", "/b", "/a"].map((path) => client!.sse(path, { maxEvents: 2, timeoutMs: 30_000 }));
    await waitFor(() => channel.subscribers === 3, "three readers to subscribe");
    channel.publish("one");
    channel.publish("two");
    const results = await Promise.all(reading);
    expect(results.map(({ events }) => events.map(({ event, data }) => `${event}:${data}`))).toEqual([["a:one", "a:two"], ["b:one", "b:two"], ["a:one", "a:two"]]);
  });

  it("renders a published fragment that fails once for all its readers, as one that renders is", async () => {
    const channel = new Channel();
    const { app, client } = serveChannel(channel);
    let renders = 0;
    app.templates.environment.addGlobal("countRender", () => {
      renders += 1;
      throw new Error("this render fails");
    });
    const readers = Array.from({ length: 3 }, () => client.sse("/events", { maxEvents: 1, timeoutMs: 30_000 }));
    await waitFor(() => channel.subscribers === 3, "three readers");
    channel.publish(new Fragment("tick.html", "tick", { n: 1 }));
    channel.publish("after");
    for (const result of await Promise.all(readers)) expect(result.events.map(({ data }) => data)).toEqual(["after"]);
    expect(renders).toBe(1);
  });
});
