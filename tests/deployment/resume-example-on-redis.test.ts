import { afterAll, beforeAll, expect, it } from "vitest";
import { ExamplesOnRedis } from "../support/examples-on-redis.ts";
import type { SSEReader } from "../support/sse-reader.ts";
import { waitFor } from "../support/wait-for.ts";

/**
 * The resume example, unchanged, as two processes sharing one real redis-server
 * (CHIRP_REDIS_URL): a reader dropped by one resumes on the other. Only the first
 * process's counter runs within the test (the second's ticks once an hour), so the count is known.
 */
const WAIT = 20_000;
let examples: ExamplesOnRedis;
let first: string;
let second: string;

/** The numbers of the tick events a reader got. */
const counts = (reader: SSEReader) => reader.data("tick").map((html) => Number(/>(\d+)</.exec(html)?.[1]));

beforeAll(async () => {
  examples = await ExamplesOnRedis.start();
  [first, second] = await Promise.all([examples.run("resume", { RESUME_TICK_MS: "100" }), examples.run("resume", { RESUME_TICK_MS: "3600000" })]);
}, 60_000);

afterAll(async () => examples?.stop());

it("resumes a reader dropped by one process on the other, with no gap and no repeat", async () => {
  const before = await examples.read(`${first}events`);
  await waitFor(() => before.data("tick").length >= 3, "three counts on the first process", WAIT);
  expect((await fetch(`${first}drop`, { method: "POST" })).status).toBe(204);
  await waitFor(() => before.ended, "the dropped stream", WAIT);
  const lastId = before.lastEventId as string;
  const lastSeen = counts(before).at(-1) as number;
  // The second process follows the count, so its /count shows when the reader has missed some.
  await waitFor(async () => Number(/>(\d+)</.exec(await (await fetch(`${second}count`)).text())?.[1]) > lastSeen + 2, "counts while the reader is away", WAIT);
  const after = await examples.read(`${second}events`, lastId);
  await waitFor(() => after.data("tick").length >= 5, "the missed counts and live ones on the second process", WAIT);
  expect(after.data("hello")).toEqual([`<span class="mark">Connected with Last-Event-ID ${lastId}</span>`]);
  const seen = [...counts(before), ...counts(after)];
  expect(seen).toEqual(Array.from({ length: seen.length }, (_, n) => (seen[0] as number) + n));
});
