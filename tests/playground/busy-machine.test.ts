import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, expect, test } from "vitest";
import { busyMachine, type BusyMachine } from "../support/busy-machine.ts";
import type { FeedMessage } from "../../server/playground/index.ts";
import { readFeed, startHarness, type Harness } from "./harness.ts";
import { fetchLoopback } from "../support/loopback-fetch.ts";

// The watchdog of a run's event loop, on a machine whose every core is kept busy
// by other processes: a starved run is slow, not blocked; an endless loop still is.
let harness: Harness;
let machine: BusyMachine;
beforeAll(async () => {
  harness = await startHarness("busy-machine");
  machine = busyMachine();
});
afterAll(async () => {
  await machine.stop();
  await harness.close();
});

/**
 * Starts a run of `files` (the unedited SSE example by default) and watches its
 * feed, as the workbench page does (a run nobody watches is ended).
 */
async function start(files?: Record<string, string>): Promise<{ id: string; url: string; feed: Promise<FeedMessage[]> }> {
  const answer = await harness.request("POST", "/api/runs", { body: { example: "sse", files } });
  expect(answer.status, answer.text).toBe(201);
  const { id, url } = answer.json<{ id: string; url: string }>();
  return { id, url, feed: readFeed(harness, id, (message) => message.type === "exit", 10 * 60_000) };
}

/** Ends the run `id` and resolves to its feed's last message, the exit. */
async function stop(run: { id: string; feed: Promise<FeedMessage[]> }): Promise<FeedMessage | undefined> {
  expect((await harness.request("DELETE", `/api/runs/${run.id}`)).status).toBeLessThan(300);
  return (await run.feed).at(-1);
}

/** The run's messages so far. */
function history(id: string): readonly FeedMessage[] {
  return harness.playground.registry.get(id)?.feed.history ?? [];
}

test("the unedited SSE example completes 10 runs of 10: its stream, then its wiring check", async () => {
  for (let attempt = 1; attempt <= 10; attempt++) {
    const run = await start();
    expect(await (await fetchLoopback(run.url, { headers: { "sec-fetch-dest": "iframe" } })).text()).toContain('sse-connect="/events"');
    const stream = await (await fetchLoopback(new URL("/events", run.url))).text();
    expect(stream.match(/^event: notification$/gm), `run ${attempt}`).toHaveLength(4);
    // The check loads TypeScript in the run's process: the longest stretch its event loop does not answer.
    await expect.poll(() => history(run.id).find((message) => message.type === "check" || message.type === "exit"), { timeout: 5 * 60_000 }).toBeDefined();
    expect(history(run.id).find((message) => message.type === "check"), `run ${attempt}`).toMatchObject({ issues: [] });
    expect(await stop(run), `run ${attempt}`).toMatchObject({ type: "exit", reason: "stopped" });
  }
}, 20 * 60_000);

test("20,000 events and a 50 MB page complete", async () => {
  const run = await start({
    "app.ts": `import { App, EventStream, SSEEvent, isMain } from "chirp";
export const app = new App();
app.route("/big", () => "x".repeat(50 * 2 ** 20));
app.route("/many", { referenced: true }, () => {
  async function* generate() {
    for (let n = 1; n <= 20_000; n++) yield new SSEEvent({ data: String(n), event: "count" });
  }
  return new EventStream(generate());
});
if (isMain(import.meta)) app.run();
`,
  });
  const stream = await (await fetchLoopback(new URL("/many", run.url))).text();
  expect(stream.match(/^event: count$/gm)).toHaveLength(20_000);
  expect(stream).toContain("data: 20000\n");
  expect((await (await fetchLoopback(new URL("/big", run.url))).text()).length).toBe(50 * 2 ** 20);
  expect(await stop(run)).toMatchObject({ type: "exit", reason: "stopped" });
}, 10 * 60_000);

/** CPU time process `pid` has spent so far, in ms (utime + stime, in ticks of 10 ms); undefined once it is gone. */
async function cpuMs(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  const fields = stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
  return fields && (Number(fields[11]) + Number(fields[12])) * 10;
}

test("an endless loop is still ended within a few seconds of CPU time, with its message", async () => {
  const run = await start({
    "app.ts": `import { App, isMain } from "chirp";
export const app = new App();
app.route("/loop", () => {
  while (true) {}
});
if (isMain(import.meta)) app.run();
`,
  });
  const pid = harness.playground.registry.get(run.id)!.pid!;
  void fetchLoopback(new URL("/loop", run.url)).catch(() => {});
  let spent = 0;
  for (let last = await cpuMs(pid); last !== undefined; last = await cpuMs(pid)) {
    spent = last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const exit = (await run.feed).at(-1);
  expect(exit).toMatchObject({ type: "exit", reason: "blocked", message: "The event loop was blocked for more than 5 s of CPU time (an endless loop?); the process was ended." });
  // Below the message the workbench shows the error output, not the unrelated "serving http://…" line.
  expect(exit).toMatchObject({ output: expect.stringContaining("serving http"), errors: "" });
  expect(spent).toBeGreaterThan(5_000);
  expect(spent).toBeLessThan(8_000);
}, 10 * 60_000);
