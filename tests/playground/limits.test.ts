import { afterEach, expect, test } from "vitest";
import { readFeed, startHarness, type Harness } from "./harness.ts";

let harness: Harness | undefined;
afterEach(() => harness?.close());

async function startRun(current: Harness): Promise<string> {
  const answer = await current.request("POST", "/api/runs", { body: { example: "sse" } });
  expect(answer.status).toBe(201);
  return answer.json<{ id: string }>().id;
}

/** True once the process `pid` is gone. */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

test("a run is ended when its lifetime is over, and the page is told", async () => {
  harness = await startHarness("lifetime", { limits: { lifetimeMs: 1_500 } });
  const id = await startRun(harness);
  const feed = await readFeed(harness, id, (message) => message.type === "exit");
  expect(feed.at(-1)).toMatchObject({ type: "exit", reason: "lifetime", message: "The run reached its time limit of 1.5 s and was ended." });
  await expect.poll(() => harness!.playground.registry.size).toBe(0);
});

test("at most 4 runs live at once: the oldest idle run is ended first", async () => {
  harness = await startHarness("count", { limits: { maxRuns: 4 } });
  const current = harness;
  const ids = [await startRun(current), await startRun(current), await startRun(current)];
  // The first run has a page watching it; the second is the oldest idle one.
  const watched = readFeed(current, ids[0]!, (message) => message.type === "exit", 30_000);
  await expect.poll(() => current.playground.registry.get(ids[0]!)?.feed.watchers).toBe(1);
  ids.push(await startRun(current));
  const second = current.playground.registry.get(ids[1]!)!;
  ids.push(await startRun(current));
  expect(current.playground.registry.size).toBe(4);
  await second.ended;
  expect(second.feed.history.at(-1)).toMatchObject({ type: "exit", reason: "stopped", message: "Ended to make room: at most 4 runs at once." });
  expect(current.playground.registry.get(ids[1]!)).toBeUndefined();
  expect(current.playground.registry.get(ids[0]!)?.state).toBe("running");
  await current.close();
  expect((await watched).at(-1)).toMatchObject({ type: "exit", reason: "stopped" });
});

test("a new run from the same page replaces its previous run", async () => {
  harness = await startHarness("replaces");
  const first = await startRun(harness);
  const previous = harness.playground.registry.get(first)!;
  const answer = await harness.request("POST", "/api/runs", { body: { example: "sse", replaces: first } });
  expect(answer.status).toBe(201);
  await previous.ended;
  expect(previous.feed.history.at(-1)).toMatchObject({ type: "exit", reason: "stopped", message: "A new run replaced this one." });
  expect(harness.playground.registry.size).toBe(1);
});

test("a run ends when the page watching it goes away", async () => {
  harness = await startHarness("page-gone", { limits: { pageGoneMs: 300 } });
  const current = harness;
  const id = await startRun(current);
  const run = current.playground.registry.get(id)!;
  await readFeed(current, id, (message) => message.type === "output");
  await run.ended;
  expect(current.playground.registry.size).toBe(0);
});

test("closing the playground kills every run's process", async () => {
  harness = await startHarness("close");
  const id = await startRun(harness);
  const pid = harness.playground.registry.get(id)!.pid!;
  expect(gone(pid)).toBe(false);
  await harness.close();
  expect(gone(pid)).toBe(true);
});
