import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { FeedMessage, StartedRun } from "../../server/playground/index.ts";
import { SiteHosts } from "../../server/site-hosts.ts";
import { listeningSockets } from "../support/listening-sockets.ts";
import { fetchLoopback } from "../support/loopback-fetch.ts";
import { readFeed, send, startHarness, type Harness } from "./harness.ts";

/** An app whose stream sends one event, then stays open until its reader leaves: only an unbuffered path delivers that event. */
const HOLDING_STREAM = `import { App, EventStream, SSEEvent, isMain } from "chirp";
export const app = new App();
app.route("/events", { referenced: true }, (request) => new EventStream((async function* () {
  yield new SSEEvent({ data: "first", event: "status" });
  await new Promise((resolve) => request.signal.addEventListener("abort", resolve));
})()));
if (isMain(import.meta)) app.run();
`;

describe("locally", () => {
  let harness: Harness;
  beforeAll(async () => (harness = await startHarness("run-hosts")));
  afterAll(() => harness.close());

  const start = async (files?: Record<string, string>): Promise<StartedRun> => {
    const answer = await harness.request("POST", "/api/runs", { body: { example: "sse", files } });
    expect(answer.status, answer.text).toBe(201);
    return answer.json<StartedRun>();
  };
  const onHost = (host: string, path = "/") => send(new URL(path, harness.base).href, "GET", { host });

  test("a run is served at <run-id>.run.localhost on the docs server's own port, framed only by the docs origins", async () => {
    const [first, second] = [await start(), await start()];
    const url = new URL(first.url);
    expect(url.hostname).toMatch(/^[0-9a-f]{32}\.run\.localhost$/);
    expect(url.hostname).toBe(`${first.id}.run.localhost`);
    expect(Number(url.port)).toBe(harness.port);
    expect(second.id).not.toBe(first.id);

    const page = await fetchLoopback(first.url, { headers: { "sec-fetch-dest": "iframe" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('sse-connect="/events"');
    expect(page.headers.get("content-security-policy")).toContain(`frame-ancestors http://127.0.0.1:${harness.port} http://localhost:${harness.port}`);
    expect(page.headers.get("content-security-policy")).not.toMatch(/frame-ancestors[^,;]*\*/);
  });

  test("an event stream passes through the host route unbuffered, and the tap reports its frames", async () => {
    const run = await start({ "app.ts": HOLDING_STREAM });
    const watching = readFeed(harness, run.id, (message) => message.type === "frame");
    const stream = await fetchLoopback(new URL("/events", run.url));
    expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = stream.body!.getReader();
    let text = "";
    while (!text.includes("data: first\n\n")) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const feed = await watching;
    expect(feed.find((message) => message.type === "connection")).toEqual({ type: "connection", conn: 1, path: "/events", status: 200 });
    expect(feed.find((message): message is Extract<FeedMessage, { type: "frame" }> => message.type === "frame")).toMatchObject({ event: "status", data: "first" });
  });

  test("a stream open on a run's host ends when the run is stopped", async () => {
    const run = await start({ "app.ts": HOLDING_STREAM });
    const reader = (await fetchLoopback(new URL("/events", run.url))).body!.getReader();
    let text = "";
    while (!text.includes("data: first\n\n")) text += new TextDecoder().decode((await reader.read()).value);
    expect((await harness.request("DELETE", `/api/runs/${run.id}`)).status).toBe(204);
    const end = await reader.read().then(
      (chunk) => (chunk.done ? "ended" : `more: ${new TextDecoder().decode(chunk.value)}`),
      () => "ended",
    );
    expect(end).toBe("ended");
  });

  test("an unknown run id gets 404 and a foreign host 403; neither is answered by the docs", async () => {
    const run = await start();
    const unknown = await onHost(`${"0".repeat(32)}.run.localhost:${harness.port}`, "/api/playground");
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain("no such run");
    for (const host of ["evil.example", `evil.example:${harness.port}`, `${run.id}.run.localhost:1`, `${run.id}.run.localhost.evil.example:${harness.port}`, `${run.id}.run.localhost`]) {
      const foreign = await onHost(host, "/api/playground");
      expect(foreign.status, host).toBe(403);
      expect(foreign.text, host).not.toContain(harness.playground.token);
    }
  });

  test("a run's host never serves the docs: the run API's paths go to the run, and an ended run's host gets 404", async () => {
    const run = await start();
    const host = new URL(run.url).host;
    const session = await send(new URL("/api/playground", harness.base).href, "GET", { host, origin: `http://${host}`, "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors" });
    expect(session.status).toBe(404);
    expect(session.text).toContain("Nothing is served at /api/playground");
    expect(session.text).not.toContain(harness.playground.token);
    expect((await harness.request("DELETE", `/api/runs/${run.id}`)).status).toBe(204);
    expect((await onHost(host)).status).toBe(404);
  });

  test("the per-port fallback serves the same run on loopback, and only on its loopback Host", async () => {
    const run = await start();
    expect(run.fallbackUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await (await fetchLoopback(run.fallbackUrl!)).text()).toContain('sse-connect="/events"');
    expect((await send(run.fallbackUrl!, "GET", { host: "evil.example" })).status).toBe(403);
    expect((await send(run.fallbackUrl!, "GET", { host: new URL(run.url).host })).status).toBe(403);
  });
});

describe("behind a proxy, with a public URL", () => {
  const hosts = new SiteHosts({ publicUrl: "https://docs.example.com", runDomain: "runs.example.com" });
  const docs = { host: "docs.example.com", origin: "https://docs.example.com" };
  let harness: Harness;
  beforeAll(async () => (harness = await startHarness("run-hosts-public", { readOnly: true, hosts })));
  afterAll(() => harness.close());

  test("a run is at https://<run-id>.<run-domain>/ with no per-port address, framed by the public docs origin", async () => {
    const answer = await harness.request("POST", "/api/runs", { body: { example: "sse" }, headers: docs });
    expect(answer.status, answer.text).toBe(201);
    const run = answer.json<StartedRun>();
    expect(run.url).toBe(`https://${run.id}.runs.example.com/`);
    expect(run.fallbackUrl).toBeUndefined();
    const page = await send(harness.base, "GET", { host: `${run.id}.runs.example.com` });
    expect(page.status).toBe(200);
    expect(page.text).toContain('sse-connect="/events"');
    expect((await send(harness.base, "GET", { host: `${run.id}.runs.example.com:${harness.port}` })).status).toBe(403);
    expect((await send(harness.base, "GET", { host: `${"0".repeat(32)}.runs.example.com` })).status).toBe(404);
  });

  test("the run API answers the public host with its https origin only", async () => {
    expect((await harness.request("GET", "/api/playground", { headers: docs })).status).toBe(200);
    expect((await harness.request("POST", "/api/runs", { body: { example: "sse" }, headers: { ...docs, origin: "http://docs.example.com" } })).status).toBe(403);
    expect((await harness.request("GET", "/api/playground", { headers: { host: "runs.example.com", origin: null } })).status).toBe(403);
  });
});

describe("the loopback ports runs listen on", () => {
  // Runs that outlive the test: none ends (closing its port) while the sockets are counted.
  const limits = { pageGoneMs: 600_000 };
  const hosts = new SiteHosts({ publicUrl: "https://docs.example.com", runDomain: "runs.example.com" });
  const docs = { host: "docs.example.com", origin: "https://docs.example.com" };

  test("locally, each run listens on a port of its own: the fallback for a browser that does not resolve *.localhost", async () => {
    const harness = await startHarness("run-hosts-ports-local", { limits });
    try {
      const before = listeningSockets();
      const runs = await Promise.all([1, 2, 3].map(async () => (await harness.request("POST", "/api/runs", { body: { example: "hello" } })).json<StartedRun>()));
      expect(runs.map((run) => run.fallbackUrl)).toEqual(runs.map(() => expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/)));
      expect(listeningSockets()).toBe(before + 3);
    } finally {
      await harness.close();
    }
  });

  test("in public mode, none: five readers of a shared run are served by its host name alone", async () => {
    const harness = await startHarness("run-hosts-ports-public", { limits, publicMode: {}, hosts });
    try {
      const before = listeningSockets();
      for (let reader = 1; reader <= 5; reader++) {
        const answer = await harness.request("POST", "/api/runs", { body: { example: "hello" }, headers: docs });
        expect(answer.status, answer.text).toBe(201);
        const run = answer.json<StartedRun>();
        expect(run).toMatchObject({ shared: true });
        expect(run.fallbackUrl).toBeUndefined();
        expect((await send(new URL("/ping", harness.base).href, "GET", { host: `${run.id}.runs.example.com` })).text).toBe("<output>pong</output>");
      }
      expect(listeningSockets()).toBe(before);
    } finally {
      await harness.close();
    }
  });
});
