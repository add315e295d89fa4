import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort } from "../../scripts/free-port.ts";
import { Daemon } from "../support/daemon.ts";
import { RedisServer } from "../support/redis-server.ts";
import { SSEReader } from "../support/sse-reader.ts";
import { waitFor } from "../support/wait-for.ts";

/**
 * The resume example, unchanged, as two processes sharing one real redis-server
 * (CHIRP_REDIS_URL): a reader dropped by one resumes on the other. Only the first
 * process's counter runs within the test (the second's ticks once an hour), so the count is known.
 */
const WAIT = 20_000;
let redis: RedisServer;
const processes: Daemon[] = [];
const readers: SSEReader[] = [];
let first: string;
let second: string;

async function startExample(tickMs: number): Promise<string> {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), CHIRP_REDIS_URL: redis.url, RESUME_TICK_MS: String(tickMs), CHIRP_DEBUG: "0" };
  processes.push(await Daemon.start(process.execPath, ["--import", "tsx", "examples/resume/app.ts"], /chirp: serving/, env));
  return `http://127.0.0.1:${port}/`;
}

async function read(url: string, lastEventId?: string): Promise<SSEReader> {
  const reader = await SSEReader.open(url, lastEventId);
  readers.push(reader);
  return reader;
}

/** The numbers of the tick events a reader got. */
const counts = (reader: SSEReader) => reader.data("tick").map((html) => Number(/>(\d+)</.exec(html)?.[1]));

beforeAll(async () => {
  redis = await RedisServer.start();
  [first, second] = await Promise.all([startExample(100), startExample(3_600_000)]);
}, 60_000);

afterAll(async () => {
  for (const reader of readers) reader.close();
  for (const daemon of processes) await daemon.stop();
  await redis?.stop();
});

it("resumes a reader dropped by one process on the other, with no gap and no repeat", async () => {
  const before = await read(`${first}events`);
  await waitFor(() => before.data("tick").length >= 3, "three counts on the first process", WAIT);
  expect((await fetch(`${first}drop`, { method: "POST" })).status).toBe(204);
  await waitFor(() => before.ended, "the dropped stream", WAIT);
  const lastId = before.lastEventId as string;
  const lastSeen = counts(before).at(-1) as number;
  // The second process follows the count, so its /count shows when the reader has missed some.
  await waitFor(async () => Number(/>(\d+)</.exec(await (await fetch(`${second}count`)).text())?.[1]) > lastSeen + 2, "counts while the reader is away", WAIT);
  const after = await read(`${second}events`, lastId);
  await waitFor(() => after.data("tick").length >= 5, "the missed counts and live ones on the second process", WAIT);
  expect(after.data("hello")).toEqual([`<span class="mark">Connected with Last-Event-ID ${lastId}</span>`]);
  const seen = [...counts(before), ...counts(after)];
  expect(seen).toEqual(Array.from({ length: seen.length }, (_, n) => (seen[0] as number) + n));
});
