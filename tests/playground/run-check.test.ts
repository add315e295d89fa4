import { afterAll, beforeAll, expect, test } from "vitest";
import type { FeedMessage } from "../../server/playground/index.ts";
import { readFeed, startHarness, type Harness } from "./harness.ts";
import { fetchLoopback } from "../support/loopback-fetch.ts";

let harness: Harness;
beforeAll(async () => (harness = await startHarness("run-check")));
afterAll(() => harness.close());

type CheckMessage = Extract<FeedMessage, { type: "check" }>;

/** Starts the SSE example with `files` (the originals when undefined), opens its page, and reads its feed up to the check. */
async function checkOf(files?: Record<string, string>): Promise<CheckMessage> {
  return (await runChecked(files)).check;
}

/** {@link checkOf}, with the feed read. */
async function runChecked(files?: Record<string, string>): Promise<{ check: CheckMessage; feed: FeedMessage[] }> {
  const started = await harness.request("POST", "/api/runs", { body: { example: "sse", files } });
  expect(started.status).toBe(201);
  const { id, url } = started.json<{ id: string; url: string }>();
  expect((await fetchLoopback(url)).status).toBe(200);
  const feed = await readFeed(harness, id, (message) => message.type === "check");
  const check = feed.find((message): message is CheckMessage => message.type === "check");
  expect(check, `no check in ${JSON.stringify(feed.map((message) => message.type))}`).toBeDefined();
  return { check: check!, feed };
}

test("a run of the SSE example reports no wiring issues, on the feed and not in its output", async () => {
  const { check, feed } = await runChecked();
  expect(check).toEqual({ type: "check", issues: [] });
  const output = feed.flatMap((message) => (message.type === "output" ? [message.text] : [])).join("");
  expect(output).not.toContain("chirp check");
});

test("a run whose edited template has sse-swap on the sse-connect element reports sse-self-swap at its file and line", async () => {
  const { files } = (await harness.request("GET", "/api/examples/sse")).json<{ files: Record<string, string> }>();
  const template = files["templates/feed.html"]!
    .replace('sse-connect="/events"', 'sse-connect="/events" sse-swap="notification"')
    .replace('<ol id="feed" sse-swap="notification"', '<ol id="feed"');
  const line = template.split("\n").findIndex((text) => text.includes("sse-connect")) + 1;
  const check = await checkOf({ ...files, "templates/feed.html": template });
  expect(check.error).toBeUndefined();
  expect(check.issues).toContainEqual(expect.objectContaining({ severity: "error", rule: "sse-self-swap", file: "templates/feed.html", line }));
});

test("an app the check cannot reach is reported as a check error", async () => {
  const { files } = (await harness.request("GET", "/api/examples/sse")).json<{ files: Record<string, string> }>();
  const check = await checkOf({ ...files, "app.ts": files["app.ts"]!.replace("export const app", "const app") });
  expect(check).toEqual({ type: "check", error: expect.stringContaining("exports no chirp App as `app`") });
});

test("a template that does not compile is one issue at its own line, named as its tab, on the 500 page and in the check", async () => {
  const { files } = (await harness.request("GET", "/api/examples/sse")).json<{ files: Record<string, string> }>();
  const template = files["templates/feed.html"]!.replace("{% endblock %}", "{% endblok %}");
  expect(template).toContain("endblok");
  const line = template.split("\n").findIndex((text) => text.includes("endblok")) + 1;
  const started = await harness.request("POST", "/api/runs", { body: { example: "sse", files: { ...files, "templates/feed.html": template } } });
  const { id, url } = started.json<{ id: string; url: string }>();
  const page = await fetchLoopback(url);
  expect(page.status).toBe(500);
  const html = await page.text();
  expect(html).toMatch(new RegExp(`Template <code>feed\\.html</code>, line ${line}, column \\d+ \\(templates/feed\\.html\\)`));
  expect(html).not.toContain(".cache/runs");
  const feed = await readFeed(harness, id, (message) => message.type === "check");
  expect(feed.find((message) => message.type === "check")).toEqual({
    type: "check",
    issues: [{ severity: "error", rule: "template-error", file: "templates/feed.html", line, message: expect.stringContaining(`feed.html does not compile (line ${line}, column`) }],
  });
});
