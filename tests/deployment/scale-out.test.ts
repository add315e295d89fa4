import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Daemon } from "../support/daemon.ts";
import { freePort } from "../../scripts/free-port.ts";
import { Nginx } from "../support/nginx.ts";
import { RedisServer } from "../support/redis-server.ts";
import { SSEReader } from "../support/sse-reader.ts";
import { waitFor } from "../support/wait-for.ts";

/**
 * The documented deployment, for real: three chirp processes sharing one redis-server,
 * behind nginx running deploy/nginx.conf (its read timeout cut to 1 s, the streams'
 * heartbeat to 250 ms, so a quiet stream must live on heartbeats alone; gzip on for
 * event streams, so a buffered stream would hold its events back).
 */
const READ_TIMEOUT_MS = 1000;
const HEARTBEAT_MS = 250;
const WAIT = 20_000;

let redis: RedisServer;
let nginx: Nginx;
const processes = new Map<number, Daemon>();
const readers: SSEReader[] = [];

async function startProcess(port: number): Promise<void> {
  const env = { ...process.env, PORT: String(port), CHIRP_REDIS_URL: redis.url, HEARTBEAT_MS: String(HEARTBEAT_MS), CHIRP_DEBUG: "0" };
  processes.set(port, await Daemon.start(process.execPath, ["--import", "tsx", "tests/deployment/fixtures/relay-app.ts"], /chirp: serving/, env));
}

/** Publishes `text` on the process at `port`, directly; resolves with the event's id. */
async function publish(port: number, text: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/publish?text=${encodeURIComponent(text)}`, { method: "POST" });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

/** A reader through nginx; resolves once its process has said which one it is. */
async function readThroughNginx(lastEventId?: string): Promise<SSEReader & { instance: number }> {
  const reader = await SSEReader.open(`${nginx.url}events`, lastEventId);
  readers.push(reader);
  const instance = Number(await waitFor(() => reader.data("instance")[0], "the instance event", WAIT));
  return Object.assign(reader, { instance });
}

beforeAll(async () => {
  redis = await RedisServer.start();
  const ports = [await freePort(), await freePort(), await freePort()];
  await Promise.all(ports.map(startProcess));
  nginx = await Nginx.start(ports, `${READ_TIMEOUT_MS / 1000}s`, { gzipEvents: true });
}, 60_000);

afterAll(async () => {
  for (const reader of readers) reader.close();
  await nginx?.stop();
  for (const daemon of processes.values()) await daemon.stop();
  await redis?.stop();
});

describe("three chirp processes, one Redis, nginx in front", () => {
  it("delivers a message published on one process to readers on all three, in order", async () => {
    const byInstance = new Map<number, SSEReader>();
    while (byInstance.size < 3) {
      const reader = await readThroughNginx();
      if (byInstance.has(reader.instance)) reader.close();
      else byInstance.set(reader.instance, reader);
    }
    expect([...byInstance.keys()].sort()).toEqual([...processes.keys()].sort());
    const ports = [...processes.keys()];
    const sent: string[] = [];
    for (let n = 0; n < 30; n += 1) {
      sent.push(`m${n}`);
      await publish(ports[n % 3] as number, `m${n}`);
    }
    for (const reader of byInstance.values()) await waitFor(() => reader.data().length === 30, "thirty messages", WAIT);
    for (const reader of byInstance.values()) expect(reader.data()).toEqual(sent);
  });

  // How soon (the Done-when's 100 ms) is timing, measured by `npm run bench -- --only redis`; this checks
  // that nothing holds events back: gzip would keep them in its compressor if nginx buffered the stream.
  it("passes each event through nginx, gzipped, as it is published: it arrives before the next is published", async () => {
    const reader = await readThroughNginx();
    expect(reader.headers.get("content-encoding")).toBe("gzip");
    const publisher = [...processes.keys()].find((port) => port !== reader.instance) as number;
    for (let n = 0; n < 5; n += 1) {
      const before = reader.data().length;
      await publish(publisher, `unbuffered ${n}`);
      await waitFor(() => reader.data().length > before, `event ${n} through nginx`, WAIT);
    }
    expect(reader.data().slice(-5)).toEqual([0, 1, 2, 3, 4].map((n) => `unbuffered ${n}`));
  });

  it("keeps a quiet stream open longer than nginx's read timeout, on heartbeats", async () => {
    const reader = await readThroughNginx();
    const opened = Date.now();
    // Heartbeats span three read timeouts: without them nginx would have cut the stream twice over.
    await waitFor(() => reader.heartbeats >= (3 * READ_TIMEOUT_MS) / HEARTBEAT_MS, "heartbeats for three read timeouts", WAIT);
    expect(Date.now() - opened).toBeGreaterThan(READ_TIMEOUT_MS);
    expect(reader.ended).toBe(false);
    await publish(reader.instance, "after the quiet");
    await waitFor(() => reader.data().includes("after the quiet"), "an event after the quiet spell", WAIT);
  });

  it("resumes a reader whose process died on another process through nginx, with no gap and no duplicate", async () => {
    const reader = await readThroughNginx();
    const others = [...processes.keys()].filter((port) => port !== reader.instance);
    await publish(others[0] as number, "r1");
    await publish(others[1] as number, "r2");
    await waitFor(() => reader.data().includes("r2"), "r1 and r2", WAIT);
    const lastSeen = reader.lastEventId;
    await processes.get(reader.instance)?.stop("SIGKILL");
    await waitFor(() => reader.ended, "the cut stream", WAIT);
    await publish(others[0] as number, "r3"); // while the reader is away
    await publish(others[1] as number, "r4");
    const resumed = await readThroughNginx(lastSeen);
    expect(others).toContain(resumed.instance);
    await publish(others[0] as number, "r5");
    await waitFor(() => resumed.data().includes("r5"), "r5 live", WAIT);
    expect(resumed.data()).toEqual(["r3", "r4", "r5"]);
    await startProcess(reader.instance);
  });

  it("survives a Redis restart mid-stream: the reader stays, what was published meanwhile arrives in order, an id from before is reset", async () => {
    const reader = await readThroughNginx();
    const publisher = [...processes.keys()].find((port) => port !== reader.instance) as number;
    const beforeRestart = await publish(publisher, "before restart");
    await waitFor(() => reader.data().includes("before restart"), "the event before the restart", WAIT);
    await redis.pause();
    const waiting = [publish(publisher, "during 1"), publish(publisher, "during 2")];
    await redis.resume();
    await Promise.all(waiting);
    await publish(publisher, "after restart");
    await waitFor(() => reader.data().includes("after restart"), "the event after the restart", WAIT);
    expect(reader.data().slice(-4)).toEqual(["before restart", "during 1", "during 2", "after restart"]);
    expect(reader.ended).toBe(false);
    // Redis came back empty (no persistence here): an id from before the restart is unknown, so a reader resuming from it is told to reset.
    const stale = await readThroughNginx(beforeRestart);
    await waitFor(() => stale.data("reset").length === 1, "the reset", WAIT);
    expect(stale.data("reset")).toEqual([`Last-Event-ID ${JSON.stringify(beforeRestart)} is not in this channel's history`]);
  });
});
