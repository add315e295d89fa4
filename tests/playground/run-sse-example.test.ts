import { afterAll, beforeAll, expect, test } from "vitest";
import { readFeed, startHarness, type Harness } from "./harness.ts";
import { fetchLoopback } from "../support/loopback-fetch.ts";

let harness: Harness;
beforeAll(async () => (harness = await startHarness("sse-example")));
afterAll(() => harness.close());

test("a run of the SSE example starts, serves / on its own origin, and its frames are captured from the real stream", async () => {
  const started = await harness.request("POST", "/api/runs", { body: { example: "sse" } });
  expect(started.status).toBe(201);
  const { id, url } = started.json<{ id: string; url: string }>();

  const page = await fetchLoopback(url, { headers: { "sec-fetch-dest": "iframe" } });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('sse-connect="/events"');

  const stream = await fetchLoopback(new URL("/events", url));
  const raw = await stream.text();
  const feed = await readFeed(harness, id, (message) => message.type === "closed");
  const frames = feed.flatMap((message) => (message.type === "frame" ? [message] : []));
  expect(frames.map((frame) => frame.event)).toEqual(["status", "notification", "notification", "notification", "notification", "close"]);
  expect(frames.map((frame) => frame.raw).join("")).toBe(raw);
  expect(frames[1]?.data).toContain("<strong>Welcome</strong>");
  expect(feed.find((message) => message.type === "page")).toEqual({ type: "page", path: "/" });
  expect(feed.find((message) => message.type === "connection")).toEqual({ type: "connection", conn: 1, path: "/events", status: 200 });
  expect(frames.every((frame, index) => index === 0 || frame.t >= frames[index - 1]!.t)).toBe(true);
});

test("a feed that reconnects with Last-Event-ID resumes after the last message it had, so a page sees no frame twice", async () => {
  const started = await harness.request("POST", "/api/runs", { body: { example: "sse" } });
  const { id, url } = started.json<{ id: string; url: string }>();
  await (await fetchLoopback(new URL("/events", url))).text();
  const whole = await readFeed(harness, id, (message) => message.type === "closed");
  const firstFrame = whole.findIndex((message) => message.type === "frame");
  const before = await readFeed(harness, id, (message) => message.type === "frame");
  expect(before).toEqual(whole.slice(0, firstFrame + 1));
  // A feed's ids are its message numbers: the last message read was number `before.length - 1`.
  const resumed = await readFeed(harness, id, (message) => message.type === "closed", 15_000, String(before.length - 1));
  expect([...before, ...resumed]).toEqual(whole);
});

test("edited files run: a changed message reaches the stream", async () => {
  const { files } = (await harness.request("GET", "/api/examples/sse")).json<{ files: Record<string, string> }>();
  expect(Object.keys(files)[0]).toBe("app.ts");
  const edited = { ...files, "app.ts": files["app.ts"]!.replace("New deployment started.", "Edited in the workbench.") };
  const started = await harness.request("POST", "/api/runs", { body: { example: "sse", files: edited } });
  expect(started.status).toBe(201);
  const { url } = started.json<{ url: string }>();
  expect(await (await fetchLoopback(new URL("/events", url))).text()).toContain("Edited in the workbench.");
});

test("a syntax error is reported with its place, and nothing runs", async () => {
  const files = { "app.ts": 'import { App } from "chirp";\nconst app = new App(;\n' };
  const before = harness.playground.registry.size;
  const answer = await harness.request("POST", "/api/runs", { body: { example: "sse", files } });
  expect(answer.status).toBe(422);
  const { problems } = answer.json<{ problems: { file: string; line: number; message: string }[] }>();
  expect(problems[0]).toMatchObject({ file: "app.ts", line: 2 });
  expect(harness.playground.registry.size).toBe(before);
});
