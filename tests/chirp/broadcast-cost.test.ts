import { createHook } from "node:async_hooks";
import http from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { App, AppConfig, Channel, EventStream, SSEEvent, silentLogger } from "chirp";
import { waitFor } from "../support/wait-for.ts";

/**
 * A guard on the cost of a broadcast, not a timing: a stream that keeps up gets a
 * published event written from inside `publish()`, so its reader does not wake and
 * no promise is made per subscriber. Promises are counted with an async hook from the
 * publish until every client has the event; the clients read with plain callbacks,
 * which make none of their own.
 */
const STREAMS = 100;

let promises = 0;
const promiseCounter = createHook({
  init(_id, type) {
    if (type === "PROMISE") promises++;
  },
});

const room = new Channel();
const app = new App({ config: new AppConfig({ logger: silentLogger }) });
app.route("/events", (req) => new EventStream(room.subscribe(req), { heartbeatMs: 0 }));
const listening = await app.listen({ port: 0 });
const { url } = listening;

/** The texts each client has read so far; one entry per client. */
const received: string[] = Array.from({ length: STREAMS }, () => "");
const requests = received.map((_, index) =>
  http.get(new URL("/events", url), { agent: false }, (response) => {
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => (received[index] += chunk));
  }),
);
afterAll(async () => {
  for (const request of requests) request.destroy();
  await listening.close();
});

/** Publishes `event` and waits, counting promises throughout, until every client has its text. */
async function broadcast(event: SSEEvent, text: string): Promise<number> {
  const before = received.map((seen) => seen.length);
  promises = 0;
  promiseCounter.enable();
  try {
    room.publish(event);
    await new Promise<void>((resolve) => {
      const check = () => (received.every((seen, index) => seen.slice(before[index]).includes(text)) ? resolve() : setTimeout(check, 1));
      check();
    });
  } finally {
    promiseCounter.disable();
  }
  return promises;
}

describe("a broadcast to streams that keep up", () => {
  it(`reaches all ${STREAMS} streams without making a promise per subscriber`, async () => {
    await waitFor(() => room.subscribers === STREAMS, `${STREAMS} subscribers`);
    // The first event takes every stream through its first wait; the guard is on the ones after.
    await broadcast(new SSEEvent({ event: "tick", data: "0" }), "data: 0\n\n");
    const made: number[] = [];
    for (let n = 1; n <= 3; n++) made.push(await broadcast(new SSEEvent({ event: "tick", data: String(n) }), `event: tick\ndata: ${n}\n\n`));
    // The waiting itself makes a few; one per subscriber (the cost this guards against) would be 100s.
    for (const count of made) expect(count).toBeLessThan(STREAMS / 10);
  });

  it("keeps every stream's events whole and in publish order", () => {
    const expected = [0, 1, 2, 3].map((n) => `event: tick\ndata: ${n}\n\n`).join("");
    for (const seen of received) expect(seen).toBe(expected);
  });
});
