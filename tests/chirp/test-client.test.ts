import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { App, AppConfig, EventStream, type Handler } from "chirp";
import { TestClient } from "chirp/testing";

let client: TestClient | undefined;
afterEach(() => client?.close());

/** Serves one stream route at /s and returns a client for it. */
function serve(handler: Handler): TestClient {
  const app = new App({ config: new AppConfig({ logger: { info() {}, warn() {}, error() {} } }) });
  app.route("/s", { referenced: true }, handler);
  client = new TestClient(app);
  return client;
}

/** A generator that yields as fast as it is pulled, until the client leaves. */
const endless = () => new EventStream((function* () {
  for (let n = 1; ; n++) yield `event ${n}`;
})());

describe("TestClient.sse()", () => {
  it("returns exactly maxEvents events from a fast, endless stream, and only their text", async () => {
    const result = await serve(endless).sse("/s", { maxEvents: 3 });
    expect(result.events.map((event) => event.data)).toEqual(["event 1", "event 2", "event 3"]);
    expect(result.raw).toBe("data: event 1\n\ndata: event 2\n\ndata: event 3\n\n");
    expect(result.stoppedBy).toBe("maxEvents");
  });

  it("settles when the event that reaches maxEvents is the stream's last and comes late", async () => {
    const result = await serve(() => new EventStream((async function* () {
      await sleep(50);
      yield "only";
    })())).sse("/s", { maxEvents: 1, timeoutMs: 10_000 });
    expect(result.events.map((event) => event.data)).toEqual(["only"]);
    expect(result.stoppedBy).toBe("maxEvents");
  }, 30_000);

  it("stops at timeoutMs on a stream that stays open, with what arrived so far", async () => {
    const result = await serve((req) => new EventStream((async function* () {
      yield "first";
      await sleep(60_000, undefined, { signal: req.signal });
    })(), { heartbeatMs: 0 })).sse("/s", { maxEvents: 5, timeoutMs: 1_500 });
    expect(result.events.map((event) => event.data)).toEqual(["first"]);
    expect(result.stoppedBy).toBe("timeout");
  });

  it("says the stream ended when the server ended it before maxEvents", async () => {
    const result = await serve(() => new EventStream(["a", "b"])).sse("/s", { maxEvents: 5 });
    expect([result.events.length, result.stoppedBy]).toEqual([2, "end"]);
  });

  it("rejects at timeoutMs when no response comes at all", async () => {
    const never = serve(() => new Promise<never>(() => {}));
    await expect(never.sse("/s", { timeoutMs: 300 })).rejects.toThrow('sse("/s"): no response within 300 ms');
  });

  it("refuses a maxEvents or timeoutMs that cannot be a limit", async () => {
    const stream = serve(endless);
    await expect(stream.sse("/s", { maxEvents: 0 })).rejects.toThrow('sse("/s"): maxEvents must be a whole number of at least 1, got 0');
    await expect(stream.sse("/s", { timeoutMs: Number.NaN })).rejects.toThrow('sse("/s"): timeoutMs must be a positive number of milliseconds, got NaN');
  });
});
