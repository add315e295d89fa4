import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { App, AppConfig, EventStream, Fragment, SSEEvent, type Handler } from "chirp";
import { TestClient } from "chirp/testing";
import { recordingLogger } from "../support/recording-logger.ts";
import { waitFor } from "../support/wait-for.ts";

const templateDir = new URL("./fixtures/templates", import.meta.url);
let client: TestClient | undefined;
afterEach(() => client?.close());

/** Serves one stream route at /s and returns a client for it. */
function serve(handler: Handler, config: { debug?: boolean; sseCloseEvent?: string; sseRetryMs?: number } = {}) {
  const logger = recordingLogger();
  const app = new App({ config: new AppConfig({ templateDir, logger, ...config }) });
  app.route("/s", { stream: true }, handler);
  client = new TestClient(app);
  return { client, logger };
}

describe("what goes on the wire", () => {
  it("flushes the stream headers before the first event", async () => {
    const { client } = serve((req) => new EventStream((async function* () {
      await sleep(60_000, undefined, { signal: req.signal });
      yield "late";
    })()));
    const controller = new AbortController();
    const response = await fetch(new URL("/s", await client.url()), { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    controller.abort();
  });

  it("encodes strings, objects, SSEEvents and Fragments", async () => {
    const { client } = serve(() => new EventStream([
      "plain text",
      { n: 1, tags: ["a"] },
      new SSEEvent({ data: "two\nlines", event: "status", id: "9" }),
      new Fragment("list.html", "row", { id: 1, label: "<one>" }),
      new Fragment("list.html", "row", { id: 2, label: "two" }, { target: "rows" }),
    ]));
    const result = await client.sse("/s");
    expect(result.raw).toBe(
      "data: plain text\n\n" +
        'data: {"n":1,"tags":["a"]}\n\n' +
        "event: status\nid: 9\ndata: two\ndata: lines\n\n" +
        'event: row\ndata: <li id="row-1">&lt;one&gt;</li>\n\n' +
        'event: rows\ndata: <li id="row-2">two</li>\n\n',
    );
    expect(result.events.map((event) => [event.event, event.data])).toEqual([
      [undefined, "plain text"],
      [undefined, '{"n":1,"tags":["a"]}'],
      ["status", "two\nlines"],
      ["row", '<li id="row-1">&lt;one&gt;</li>'],
      ["rows", '<li id="row-2">two</li>'],
    ]);
  });

  it("names strings and objects after eventType, and sends retry first", async () => {
    const { client } = serve(() => new EventStream(["a", { b: 2 }, new SSEEvent({ data: "c", event: "own" })], { eventType: "tick", retry: 3000 }));
    const result = await client.sse("/s");
    expect(result.raw.startsWith("retry: 3000\n\n")).toBe(true);
    expect(result.events.map((event) => [event.event, event.data, event.retry])).toEqual([
      ["tick", "a", 3000],
      ["tick", '{"b":2}', undefined],
      ["own", "c", undefined],
    ]);
  });

  it("sends the app's sseRetryMs first on every stream that sets no retry of its own", async () => {
    const { client } = serve((req) => new EventStream(["a"], { retry: req.query.own ? Number(req.query.own) : undefined }), { sseRetryMs: 7000 });
    const inherited = await client.sse("/s");
    expect(inherited.raw).toBe("retry: 7000\n\ndata: a\n\n");
    expect(inherited.events[0]!.retry).toBe(7000);
    expect((await client.sse("/s?own=250")).raw).toBe("retry: 250\n\ndata: a\n\n");
  });

  it("sends the close event after the source is exhausted, and only then", async () => {
    const { client } = serve(() => new EventStream(["one"]), { sseCloseEvent: "done" });
    const result = await client.sse("/s");
    expect(result.raw).toBe("data: one\n\nevent: done\ndata: \n\n");
    expect(result.events.at(-1)).toEqual({ event: "done", data: "", id: undefined, retry: undefined });
    expect(result.stoppedBy).toBe("end");
  });

  it("sends no close event when none is configured", async () => {
    const { client } = serve(() => new EventStream(["one"]));
    expect((await client.sse("/s")).raw).toBe("data: one\n\n");
  });

  it("hands Last-Event-ID to the handler so a reconnect can resume", async () => {
    const { client } = serve((req) => {
      const start = Number(req.lastEventId ?? 0) + 1;
      return new EventStream([start, start + 1].map((id) => new SSEEvent({ data: `item ${id}`, id: String(id) })));
    });
    const result = await client.sse("/s", { headers: { "last-event-id": "5" } });
    expect(result.events.map((event) => [event.id, event.data])).toEqual([["6", "item 6"], ["7", "item 7"]]);
  });
});

describe("heartbeats", () => {
  it("sends a heartbeat comment while the stream is idle", async () => {
    const { client } = serve((req) => new EventStream((async function* () {
      yield "start";
      await sleep(60_000, undefined, { signal: req.signal });
    })(), { heartbeatMs: 40 }));
    const result = await client.sse("/s", { timeoutMs: 400 });
    expect(result.heartbeats).toBeGreaterThanOrEqual(2);
    expect(result.raw).toContain(": heartbeat\n\n");
    expect(result.events).toHaveLength(1);
  });

  it("sends none when the stream is never idle for heartbeatMs", async () => {
    const { client } = serve(() => new EventStream((async function* () {
      for (let i = 0; i < 5; i++) {
        yield `tick ${i}`;
        await sleep(5);
      }
    })(), { heartbeatMs: 10_000 }));
    const result = await client.sse("/s");
    expect([result.heartbeats, result.events.length]).toEqual([0, 5]);
  });
});

describe("disconnect", () => {
  it("finishes a generator waiting on req.signal at once: its finally runs", async () => {
    let finallyRan = false;
    const { client } = serve((req) => new EventStream((async function* () {
      try {
        yield "hello";
        await sleep(60_000, undefined, { signal: req.signal });
        yield "never";
      } finally {
        finallyRan = true;
      }
    })()));
    const result = await client.sse("/s", { maxEvents: 1 });
    expect(result.events.map((event) => event.data)).toEqual(["hello"]);
    await waitFor(() => finallyRan, "the generator's finally", 2_000);
  });

  it("returns a generator that ignores the signal at its next yield, and stops pulling", async () => {
    let pulls = 0;
    let finallyRan = false;
    const { client } = serve(() => new EventStream((async function* () {
      try {
        for (;;) {
          pulls++;
          yield `tick ${pulls}`;
          await sleep(5);
        }
      } finally {
        finallyRan = true;
      }
    })()));
    await client.sse("/s", { maxEvents: 3 });
    await waitFor(() => finallyRan, "the generator's finally", 2_000);
    const pullsAtEnd = pulls;
    await sleep(100);
    expect(pulls).toBe(pullsAtEnd);
  });
});

describe("coalescing", () => {
  /** Serves `handler` at /s through a server that records the text of every write of every response. */
  async function serveCountingWrites(handler: Handler) {
    const app = new App({ config: new AppConfig({ templateDir, logger: recordingLogger() }) });
    app.route("/s", { stream: true }, handler);
    const writes: string[] = [];
    const server = http.createServer((req, res) => {
      const write = res.write.bind(res) as (chunk: string) => boolean;
      res.write = ((chunk: string) => (writes.push(String(chunk)), write(chunk))) as typeof res.write;
      app.handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as import("node:net").AddressInfo;
    return { url: `http://127.0.0.1:${port}/s`, writes, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  it("sends the events a source yields without waiting in one write", async () => {
    const stream = await serveCountingWrites((req) => new EventStream((async function* () {
      for (let i = 0; i < 100; i++) yield new SSEEvent({ data: `event ${i}`, event: "tick", id: String(i) });
      await sleep(60_000, undefined, { signal: req.signal });
    })()));
    const controller = new AbortController();
    const response = await fetch(stream.url, { signal: controller.signal });
    const reader = response.body!.getReader();
    let text = "";
    while ((text.match(/\n\n/g) ?? []).length < 100) text += new TextDecoder().decode((await reader.read()).value);
    expect(stream.writes).toHaveLength(1);
    expect(stream.writes[0]!.startsWith("event: tick\nid: 0\ndata: event 0\n\n")).toBe(true);
    expect(stream.writes[0]!.endsWith("event: tick\nid: 99\ndata: event 99\n\n")).toBe(true);
    controller.abort();
    await stream.close();
  });

  it("still sends a lone event before the source goes on", async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const { client } = serve(() => new EventStream((async function* () {
      yield "first";
      await released; // the client must see "first" while the source waits here
      yield "second";
    })()));
    const result = await client.sse("/s", { maxEvents: 1, timeoutMs: 20_000 });
    release();
    expect([result.stoppedBy, result.events[0]?.data]).toEqual(["maxEvents", "first"]);
  });

  it("writes a flood in pieces of bounded size, never all of it at once", async () => {
    const stream = await serveCountingWrites(() => new EventStream((function* () {
      for (let i = 0; i < 20_000; i++) yield `tick ${i}`;
    })()));
    const text = await (await fetch(stream.url)).text();
    expect((text.match(/^data: tick \d+$/gm) ?? []).length).toBe(20_000);
    expect(stream.writes.length).toBeGreaterThan(5);
    expect(Math.max(...stream.writes.map((write) => write.length))).toBeLessThan(20 * 1024);
    await stream.close();
  });
});

describe("backpressure", () => {
  it("stops pulling from the source while the client does not read, keeping the server's buffer small", async () => {
    const chunk = "x".repeat(64 * 1024);
    let pulls = 0;
    let largestBuffer = 0;
    let finallyRan = false;
    const { client } = serve((req) => new EventStream((async function* () {
      try {
        for (;;) {
          pulls++;
          largestBuffer = Math.max(largestBuffer, req.raw.socket.writableLength);
          yield chunk;
        }
      } finally {
        finallyRan = true;
      }
    })()));
    const url = new URL("/s", await client.url());
    const request = http.get(url, (response) => response.pause());
    // Wait until the source stops being pulled: the socket buffers are full and the stream waits for drain.
    let last = -1;
    let stableChecks = 0;
    await waitFor(() => {
      stableChecks = pulls === last ? stableChecks + 1 : 0;
      last = pulls;
      return stableChecks >= 30;
    }, "the stream to stop pulling", 10_000);
    expect(largestBuffer).toBeLessThan(1024 * 1024);
    expect(pulls * chunk.length).toBeLessThan(64 * 1024 * 1024);
    request.destroy();
    await waitFor(() => finallyRan, "the generator's finally after the client left", 2_000);
  });
});

describe("error isolation", () => {
  const failingRender = () => new EventStream([
    "before",
    new Fragment("list.html", "no-such-block", {}),
    undefined,
    "after",
  ]);

  it("skips a value that fails to render in production, logs it, and goes on", async () => {
    const { client, logger } = serve(failingRender);
    const result = await client.sse("/s");
    expect(result.events.map((event) => event.data)).toEqual(["before", "after"]);
    const warnings = logger.lines.filter((line) => line.level === "warn").map((line) => line.message);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('GET /s: an event was skipped: TemplateError: list.html: no block "no-such-block"');
    expect(warnings[1]).toContain("cannot send undefined as an event");
  });

  it("sends an escaped HTML error block in its place in debug, under the fragment's own event name", async () => {
    const { client, logger } = serve(() => new EventStream([
      "before",
      new Fragment("list.html", "no-such-block", {}),
      new Fragment("list.html", "<img src=x onerror=alert(1)>", {}, { target: "rows" }),
      undefined,
      "after",
    ]), { debug: true });
    const result = await client.sse("/s");
    expect(result.events.map((event) => event.event)).toEqual([undefined, "no-such-block", "rows", "error", undefined]);
    const [, missing, markup, notAValue] = result.events.map((event) => event.data);
    expect(missing).toMatch(/^<div role="alert" data-chirp-error style="[^"]+"><strong>Fragment &quot;no-such-block&quot; of list.html failed to render<\/strong><pre style="[^"]+">/);
    expect(missing).toContain("list.html: no block &quot;no-such-block&quot; in template &quot;list.html&quot;; its blocks are: row</pre></div>");
    expect(markup).toContain("no block &quot;&lt;img src=x onerror=alert(1)&gt;&quot;");
    expect(markup).not.toContain("<img");
    expect(notAValue).toContain("<strong>A stream value failed to render</strong>");
    expect(notAValue).toContain("cannot send undefined as an event; yield a string, an object, an SSEEvent or a Fragment");
    expect(logger.lines.filter((line) => line.level === "warn").map((line) => line.message.split(":")[1])).toEqual([
      " an event was replaced by an error block",
      " an event was replaced by an error block",
      " an event was replaced by an error block",
    ]);
  });

  const throwing = () => new EventStream((async function* () {
    yield "first";
    throw new Error("database went away");
  })());

  it("ends the stream with a generic error event when the source throws, and logs the stack", async () => {
    const { client, logger } = serve(throwing, { sseCloseEvent: "close" });
    const result = await client.sse("/s");
    expect(result.events.map((event) => [event.event, event.data])).toEqual([
      [undefined, "first"],
      ["error", "The stream ended because of a server error."],
    ]);
    expect(result.stoppedBy).toBe("end");
    const logged = logger.lines.find((line) => line.level === "error")!.message;
    expect(logged).toMatch(/^GET \/s: the stream's source threw; ending the stream: Error: database went away\n {4}at /);
  });

  it("names the error in debug", async () => {
    const { client } = serve(throwing, { debug: true });
    const result = await client.sse("/s");
    expect(result.events.at(-1)).toMatchObject({ event: "error", data: "Error: database went away" });
  });

  it("logs the clean-up of a synchronous source that throws when the client leaves, and keeps serving", async () => {
    const { client, logger } = serve(() => new EventStream((function* () {
      try {
        for (;;) yield "x".repeat(64 * 1024);
      } finally {
        throw new Error("the clean-up failed");
      }
    })()));
    const url = new URL("/s", await client.url());
    const request = http.get(url, (response) => response.once("data", () => request.destroy()));
    request.on("error", () => {});
    await waitFor(() => logger.lines.some(({ level, message }) => level === "error" && message.includes("stream clean-up failed") && message.includes("the clean-up failed")), "the failing clean-up to be logged");
    const { events } = await client.sse("/s", { maxEvents: 1 });
    expect(events[0]!.data).toHaveLength(64 * 1024);
  });

  it("keeps serving other requests after a stream failed", async () => {
    const { client } = serve(throwing);
    await client.sse("/s");
    expect((await client.sse("/s")).events[0]!.data).toBe("first");
  });
});
