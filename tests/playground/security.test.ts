import { existsSync, readdirSync } from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { runsDir, startHarness, type Harness } from "./harness.ts";

let harness: Harness;
beforeAll(async () => (harness = await startHarness("security")));
afterAll(() => harness.close());

const RUNS = runsDir("security");
const runDirs = () => (existsSync(RUNS) ? readdirSync(RUNS).length : 0);

test.each([
  ["a foreign Origin", { origin: "http://evil.example" }],
  ["the Origin of another local port", { origin: "http://127.0.0.1:1" }],
  ["a foreign Host (DNS rebinding)", { host: "evil.example", origin: "http://evil.example" }],
  ["no Origin", { origin: null }],
  ["a missing token", { "x-chirp-token": null }],
  ["a wrong token", { "x-chirp-token": "guess" }],
  ["a cross-site fetch", { "sec-fetch-site": "cross-site" }],
  ["no fetch metadata (a program, not a browser)", { "sec-fetch-site": null, "sec-fetch-mode": null, "sec-fetch-dest": null }],
  ["no Sec-Fetch-Mode", { "sec-fetch-mode": null }],
])("POST /api/runs with %s gets 403 and builds nothing", async (_, headers) => {
  const dirs = runDirs();
  const answer = await harness.request("POST", "/api/runs", { body: { example: "sse" }, headers });
  expect(answer.status).toBe(403);
  expect(harness.playground.registry.size).toBe(0);
  expect(runDirs()).toBe(dirs);
});

test("the feed needs the token, and the session endpoint refuses a foreign Host", async () => {
  expect((await harness.request("GET", "/api/runs/x/feed", { headers: { "x-chirp-token": null } })).status).toBe(403);
  expect((await harness.request("GET", "/api/playground", { headers: { host: "evil.example", origin: null } })).status).toBe(403);
  const session = await harness.request("GET", "/api/playground", { headers: { origin: null, "x-chirp-token": null } });
  expect(session.json()).toMatchObject({ token: harness.playground.token, readOnly: false });
});

test("the token is not handed out to a request without a browser's fetch metadata (as a run's own fetch() sends)", async () => {
  const program = await harness.request("GET", "/api/playground", { headers: { origin: null, "x-chirp-token": null, "sec-fetch-site": null, "sec-fetch-dest": null } });
  expect(program.status).toBe(403);
  expect(program.text).not.toContain(harness.playground.token);
  expect(program.text).toContain("in a browser");
});

test("file paths that leave the run folder are refused", async () => {
  const answer = await harness.request("POST", "/api/runs", { body: { example: "sse", files: { "app.ts": "", "../escape.ts": "" } } });
  expect(answer.status).toBe(400);
});

test("read-only mode runs the unedited example and refuses edits", async () => {
  const readOnly = await startHarness("read-only", { readOnly: true });
  try {
    const { files } = (await readOnly.request("GET", "/api/examples/sse")).json<{ files: Record<string, string> }>();
    const edited = { ...files, "app.ts": `${files["app.ts"]}\n// edited\n` };
    expect((await readOnly.request("POST", "/api/runs", { body: { example: "sse", files: edited } })).status).toBe(403);
    expect((await readOnly.request("POST", "/api/tests", { body: { example: "sse", files: edited } })).status).toBe(403);
    expect((await readOnly.request("POST", "/api/runs", { body: { example: "sse", files } })).status).toBe(201);
    expect((await readOnly.request("GET", "/api/playground")).json()).toMatchObject({ readOnly: true });
  } finally {
    await readOnly.close();
  }
});
