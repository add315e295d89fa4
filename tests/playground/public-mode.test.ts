import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { StartedRun } from "../../server/playground/index.ts";
import { fetchLoopback } from "../support/loopback-fetch.ts";
import { waitFor } from "../support/wait-for.ts";
import { BROWSER_FETCH, readFeed, startHarness, type Harness } from "./harness.ts";

/** Whether a process with id `pid` is alive. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Presses Run for `example` as a reader whose address the proxy says is `ip`. */
async function run(harness: Harness, example: string, ip?: string): Promise<StartedRun> {
  const answer = await harness.request("POST", "/api/runs", { body: { example }, headers: ip ? { "x-forwarded-for": ip } : {} });
  expect(answer.status, answer.text).toBe(201);
  return answer.json<StartedRun>();
}

/** The process id behind a run or a reader's view of one. */
function pidOf(harness: Harness, id: string): number {
  const pid = harness.playground.registry.get(id)?.pid;
  if (pid === undefined) throw new Error(`run ${id} has no process`);
  return pid;
}

/** Opens a run's feed as a reader's page does and keeps it open (the reader watches) until `close()`. */
async function openFeed(harness: Harness, id: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; text: Promise<string>; close(): void }> {
  const controller = new AbortController();
  const response = await fetch(new URL(`/api/runs/${id}/feed?token=${harness.playground.token}`, harness.base), { signal: controller.signal, headers: { ...BROWSER_FETCH, ...headers } });
  return { status: response.status, headers: response.headers, text: response.text().catch(() => ""), close: () => controller.abort() };
}

describe("public mode shares one process per example", () => {
  let harness: Harness;
  beforeAll(async () => (harness = await startHarness("public-shared", { publicMode: {} })));
  afterAll(() => harness.close());

  test("two readers share one process, each sees only their own connections, and after it dies the next reader gets a fresh one", async () => {
    const first = await run(harness, "sse");
    const second = await run(harness, "sse");
    expect(first).toMatchObject({ shared: true });
    expect(second.id).not.toBe(first.id);
    const pid = pidOf(harness, first.id);
    expect(pidOf(harness, second.id)).toBe(pid);
    expect(harness.playground.shared?.size).toBe(1);

    // Each reader's page opens the stream on its own origin; each feed tells only its own connection.
    const [one, two] = await Promise.all([first, second].map(async (reader) => (await fetchLoopback(new URL("/events", reader.url))).text()));
    expect(one).toContain("Welcome");
    expect(two).toContain("Welcome");
    for (const reader of [first, second]) {
      const feed = await readFeed(harness, reader.id, (message) => message.type === "closed");
      expect(feed.filter((message) => message.type === "connection")).toEqual([{ type: "connection", conn: 1, path: "/events", status: 200 }]);
    }

    process.kill(pid, "SIGKILL");
    const ended = await readFeed(harness, first.id, (message) => message.type === "exit");
    expect(ended.at(-1)).toMatchObject({ type: "exit", reason: "crashed" });
    await waitFor(() => harness.playground.shared?.size === 0, "the dead shared run to be forgotten");

    const third = await run(harness, "sse");
    const fresh = pidOf(harness, third.id);
    expect(fresh).not.toBe(pid);
    expect(alive(fresh)).toBe(true);
    expect(await (await fetchLoopback(new URL("/events", third.url))).text()).toContain("Welcome");
  });

  test("a reader's Stop ends their view only: the shared process serves the other readers on", async () => {
    const leaving = await run(harness, "hello");
    const staying = await run(harness, "hello");
    const pid = pidOf(harness, staying.id);
    const leavingFeed = await openFeed(harness, leaving.id);
    expect((await harness.request("DELETE", `/api/runs/${leaving.id}`)).status).toBe(204);
    expect(await leavingFeed.text).toMatch(/event: exit\nid: \d+\ndata: \{"type":"exit","reason":"stopped"/);
    expect(harness.playground.registry.get(staying.id)?.state).toBe("running");
    expect(alive(pid)).toBe(true);
    expect(await (await fetchLoopback(new URL("/ping", staying.url))).text()).toBe("<output>pong</output>");
    expect((await fetchLoopback(new URL("/ping", leaving.url))).status).toBe(404);
  });

  test("the examples on each htmx version are separate shared runs", async () => {
    const [two, four] = await Promise.all([2, 4].map(async (htmx) => (await harness.request("POST", "/api/runs", { body: { example: "llm-stream", htmx } })).json<StartedRun>()));
    expect(pidOf(harness, two!.id)).not.toBe(pidOf(harness, four!.id));
  });

  test("edited code is refused with a message that says why, for Run, Test and the type check", async () => {
    const { files } = (await harness.request("GET", "/api/examples/sse")).json<{ files: Record<string, string> }>();
    const edited = { ...files, "app.ts": `${files["app.ts"]}\n// edited\n` };
    for (const route of ["/api/runs", "/api/tests", "/api/type-check"]) {
      const refused = await harness.request("POST", route, { body: { example: "sse", files: edited } });
      expect(refused.status, route).toBe(403);
      expect(refused.text).toContain("only the unedited examples run");
    }
    expect((await harness.request("GET", "/api/playground")).json()).toMatchObject({ readOnly: true, shared: true });
  });
});

describe("a shared run nobody watches", () => {
  let harness: Harness;
  // A lifetime shorter than the idle time: the watched run outlives it.
  beforeAll(async () => (harness = await startHarness("public-idle", { publicMode: { idleMs: 300 }, limits: { pageGoneMs: 200, lifetimeMs: 200 } })));
  afterAll(() => harness.close());

  test("ends once idle, while the one a reader watches serves on, past the run lifetime limit", async () => {
    const watched = await run(harness, "sse");
    const reader = await openFeed(harness, watched.id);
    expect(reader.status).toBe(200);
    const left = await run(harness, "hello");
    const [watchedPid, leftPid] = [pidOf(harness, watched.id), pidOf(harness, left.id)];
    try {
      await waitFor(() => !alive(leftPid) && harness.playground.shared?.size === 1, "the unwatched shared run to end", 30_000);
      expect(alive(watchedPid)).toBe(true);
      expect(await (await fetchLoopback(new URL("/events", watched.url))).text()).toContain("Welcome");
    } finally {
      reader.close();
    }
    await waitFor(() => !alive(watchedPid) && harness.playground.shared?.size === 0, "the shared run to end once its reader left", 30_000);
  });
});

describe("per-IP limits in public mode", () => {
  let harness: Harness;
  beforeAll(async () => (harness = await startHarness("public-limits", { publicMode: { startsPerMinute: 2, streamsPerIp: 1, connectionsPerIp: 1, trustProxy: true } })));
  afterAll(() => harness.close());

  test("a third run start in a minute gets a 429 with Retry-After and a message; another address is not held to it", async () => {
    await run(harness, "hello", "203.0.113.7");
    await run(harness, "hello", "198.51.100.1, 203.0.113.7");
    const refused = await harness.request("POST", "/api/runs", { body: { example: "hello" }, headers: { "x-forwarded-for": "203.0.113.7" } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(refused.text).toContain("Too many runs from your address: at most 2 a minute");
    const test = await harness.request("POST", "/api/tests", { body: { example: "hello" }, headers: { "x-forwarded-for": "203.0.113.7" } });
    expect(test.status).toBe(429);
    // The earlier hops are the client's own word: only the last one, the trusted proxy's, counts.
    await run(harness, "hello", "203.0.113.7, 203.0.113.8");
  });

  test("type checks count per address apart from runs: a third in a minute gets a 429 with Retry-After and a message; edited files get a 403", async () => {
    const check = (ip: string, files?: Record<string, string>) =>
      harness.request("POST", "/api/type-check", { body: { example: "hello", files }, headers: { "x-forwarded-for": ip } });
    for (let n = 0; n < 2; n++) {
      const checked = await check("203.0.113.20");
      expect(checked.status, checked.text).toBe(200);
      expect(checked.json<{ problems: unknown[] }>().problems).toEqual([]);
    }
    const refused = await check("203.0.113.20");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(refused.text).toContain("Too many type checks from your address: at most 2 a minute");
    // Runs are counted apart: the checks took none of this address's run starts.
    await run(harness, "hello", "203.0.113.20");
    expect((await check("203.0.113.21")).status).toBe(200);
    const edited = await check("203.0.113.22", { "app.ts": "export const edited = true;\n" });
    expect(edited.status).toBe(403);
    expect(edited.text).toContain("This server is read-only: only the unedited examples run.");
  });

  test("a second open feed from one address gets a 429; closing the first frees it", async () => {
    const reader = await run(harness, "hello", "192.0.2.1");
    const address = { "x-forwarded-for": "192.0.2.1" };
    const first = await openFeed(harness, reader.id, address);
    expect(first.status).toBe(200);
    const refused = await openFeed(harness, reader.id, address);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("10");
    expect(await refused.text).toContain("Too many open streams from your address: at most 1 at once");
    const other = await openFeed(harness, reader.id, { "x-forwarded-for": "192.0.2.2" });
    expect(other.status).toBe(200);
    other.close();
    first.close();
    // The server hears of the closed feed a moment later: the next one opens then.
    let next = await openFeed(harness, reader.id, address);
    while (next.status !== 200) {
      expect(next.status).toBe(429);
      await new Promise((resolve) => setTimeout(resolve, 20));
      next = await openFeed(harness, reader.id, address);
    }
    next.close();
  });

  test("requests to a run count against the address while they are open: an event stream held open keeps a second one out", async () => {
    const reader = await run(harness, "chat", "192.0.2.9");
    const address = { "x-forwarded-for": "192.0.2.9" };
    const stream = await fetchLoopback(new URL("/events", reader.url), { headers: address });
    expect(stream.status).toBe(200);
    const refused = await fetchLoopback(new URL("/", reader.url), { headers: address });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("10");
    expect(await refused.text()).toContain("Too many open connections to the examples from your address: at most 1 at once");
    expect((await fetchLoopback(new URL("/", reader.url), { headers: { "x-forwarded-for": "192.0.2.10" } })).status).toBe(200);
    await stream.body!.cancel();
    // The server hears of the closed stream a moment later: the page loads then.
    let page = await fetchLoopback(new URL("/", reader.url), { headers: address });
    while (page.status !== 200) {
      expect(page.status).toBe(429);
      await page.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 20));
      page = await fetchLoopback(new URL("/", reader.url), { headers: address });
    }
    expect(await page.text()).toContain("<form");
  });
});
