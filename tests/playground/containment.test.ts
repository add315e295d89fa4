import { afterAll, beforeAll, expect, test } from "vitest";
import { readFeed, startHarness, type Harness } from "./harness.ts";
import { fetchLoopback } from "../support/loopback-fetch.ts";

let harness: Harness;
beforeAll(async () => (harness = await startHarness("containment", { limits: { blockedMs: 1_500, startMs: 4_000 } })));
afterAll(() => harness.close());

/** An app whose `/try` route runs `body` and answers with what happened. */
function appTrying(imports: string, body: string): string {
  return `import { App, isMain } from "chirp";
${imports}
export const app = new App();
app.route("/try", async () => {
  try {
    ${body}
    return "allowed";
  } catch (error) {
    return String((error as NodeJS.ErrnoException).code ?? error);
  }
});
if (isMain(import.meta)) app.run();
`;
}

async function run(appTs: string): Promise<{ status: number; id?: string; url?: string; exit?: { reason: string; message: string; output: string; errors: string } }> {
  const answer = await harness.request("POST", "/api/runs", { body: { example: "sse", files: { "app.ts": appTs } } });
  return { status: answer.status, ...answer.json() };
}

/** The docs server still answers at once. */
async function docsServerAnswers(): Promise<void> {
  const answer = await harness.request("GET", "/api/examples/sse");
  expect(answer.status).toBe(200);
}

test.each([
  ["reads /etc/passwd", 'import { readFileSync } from "node:fs";', 'readFileSync("/etc/passwd", "utf8");'],
  ["reads the project's sources", 'import { readFileSync } from "node:fs";', 'readFileSync(new URL("../../../server/chirp/app.ts", import.meta.url));'],
  ["writes a file", 'import { writeFileSync } from "node:fs";', 'writeFileSync(new URL("./written.txt", import.meta.url), "x");'],
  ["spawns a process", 'import { execFileSync } from "node:child_process";', 'execFileSync("/bin/sh", ["-c", "id"]);'],
  ["starts a worker", 'import { Worker } from "node:worker_threads";', 'new Worker("1", { eval: true });'],
])("user code that %s is refused with ERR_ACCESS_DENIED", async (_, imports, body) => {
  const started = await run(appTrying(imports, body));
  expect(started.status).toBe(201);
  expect(await (await fetchLoopback(new URL("/try", started.url))).text()).toBe("ERR_ACCESS_DENIED");
  await docsServerAnswers();
});

test("a crash at start reports the process's error output", async () => {
  const started = await run('import { readFileSync } from "node:fs";\nreadFileSync("/etc/passwd");\n');
  expect(started.status).toBe(422);
  expect(started.exit).toMatchObject({ reason: "crashed" });
  expect(started.exit?.output).toContain("ERR_ACCESS_DENIED");
  // Shown below the message: the error output, its paths named as the editor's tabs are.
  expect(started.exit?.errors).toContain("ERR_ACCESS_DENIED");
  expect(started.exit?.errors).toMatch(/app\.ts:2:\d+/);
  expect(started.exit?.errors).not.toContain(".cache/runs");
  await docsServerAnswers();
});

test("an endless loop at start is ended by the start limit and reported", async () => {
  const started = await run("while (true) {}\n");
  expect(started.status).toBe(422);
  expect(started.exit).toMatchObject({ reason: "start" });
  expect(started.exit?.message).toMatch(/did not start listening within 4 s/);
  await docsServerAnswers();
});

test("an endless loop in a request is ended, reported on the feed, and the docs server answers", async () => {
  const started = await run(appTrying("", "while (true) {}"));
  void fetchLoopback(new URL("/try", started.url)).catch(() => {});
  const feed = await readFeed(harness, started.id!, (message) => message.type === "exit");
  expect(feed.at(-1)).toMatchObject({ type: "exit", reason: "blocked" });
  await docsServerAnswers();
});

test.each([
  [
    "2 GB of buffers, 100 MB at a time",
    "const kept: Buffer[] = []; while (kept.length < 20) { kept.push(Buffer.alloc(100 * 2 ** 20, 1)); await new Promise((go) => setTimeout(go, 10)); }",
    /used \d+ MB, over the limit of 512 MB/,
  ],
  ["2 GB of JavaScript objects", "const kept: number[][] = []; while (kept.length < 2_000) kept.push(new Array(131_072).fill(1.5));", /ran out of its 256 MB heap/],
])("allocating %s is ended by the memory limit and reported", async (_, body, message) => {
  const started = await run(appTrying("", body));
  void fetchLoopback(new URL("/try", started.url)).catch(() => {});
  const feed = await readFeed(harness, started.id!, (entry) => entry.type === "exit");
  const exit = feed.at(-1);
  expect(exit).toMatchObject({ type: "exit", reason: "memory" });
  expect(exit?.type === "exit" && exit.message).toMatch(message);
  await docsServerAnswers();
});
