import { afterAll, beforeAll, expect, test } from "vitest";
import { readFeed, startHarness, type Harness } from "./harness.ts";
import { fetchLoopback } from "../support/loopback-fetch.ts";

let harness: Harness;
beforeAll(async () => (harness = await startHarness("document-chunks")));
afterAll(() => harness.close());

test("a page loaded in the live output is reported chunk by chunk: time, bytes and HTML exactly as the browser got them", async () => {
  const started = await harness.request("POST", "/api/runs", { body: { example: "suspense-dashboard" } });
  expect(started.status).toBe(201);
  const { id, url } = started.json<{ id: string; url: string }>();

  // Watch the run first, as the workbench does: a run nobody watches is ended.
  const watching = readFeed(harness, id, (message) => message.type === "check");
  const body = await (await fetchLoopback(url, { headers: { "sec-fetch-dest": "iframe" } })).text();
  const feed = await watching;
  expect(feed.find((message) => message.type === "document")).toEqual({ type: "document", doc: 1, path: "/", status: 200 });
  const chunks = feed.flatMap((message) => (message.type === "chunk" ? [message] : []));
  expect(chunks.map((chunk) => chunk.html).join("")).toBe(body);
  expect(chunks.reduce((sum, chunk) => sum + chunk.bytes, 0)).toBe(Buffer.byteLength(body));
  expect(chunks.every((chunk, index) => chunk.doc === 1 && (index === 0 || chunk.t >= chunks[index - 1]!.t))).toBe(true);
  // The shell first, then each tile in its own chunk, in the order the sources answered.
  expect(chunks[0]?.html).toContain('<section id="revenue"');
  const tiles = chunks.flatMap((chunk) => [...chunk.html.matchAll(/data-chirp-swap="(\w+)"/g)].map((match) => match[1]));
  expect(tiles).toEqual(["orders", "revenue", "inventory"]);
  // The wiring check (which blocks the run's event loop while TypeScript loads) waits for the page to be complete.
  expect(feed.findIndex((message) => message.type === "check")).toBeGreaterThan(feed.indexOf(chunks.at(-1)!));
});

test("only plain HTML pages loaded in a frame are reported: not other requests, not a compressed page", async () => {
  const { id, url } = (await harness.request("POST", "/api/runs", { body: { example: "hello" } })).json<{ id: string; url: string }>();
  await (await fetchLoopback(new URL("/ping", url))).text();
  await (await fetchLoopback(new URL("/", url), { headers: { "sec-fetch-dest": "iframe", "accept-encoding": "gzip" } })).text();
  await (await fetchLoopback(new URL("/people/ada", url), { headers: { "sec-fetch-dest": "iframe", "accept-encoding": "identity" } })).text();
  const feed = await readFeed(harness, id, (message) => message.type === "chunk");
  expect(feed.filter((message) => message.type === "document")).toEqual([{ type: "document", doc: 1, path: "/people/ada", status: 200 }]);
});
