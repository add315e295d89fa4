import { afterAll, beforeAll, expect, test } from "vitest";
import { startHarness, type Harness } from "./harness.ts";

let harness: Harness;
beforeAll(async () => (harness = await startHarness("tests-run")));
afterAll(() => harness.close());

interface Report {
  problems: unknown[];
  tests: { name: string; ok: boolean; error?: string }[];
  exit: { reason: string };
}

test("the SSE example's own tests pass in the sandbox", async () => {
  const answer = await harness.request("POST", "/api/tests", { body: { example: "sse" } });
  expect(answer.status).toBe(200);
  const report = answer.json<Report>();
  expect(report.tests.length).toBeGreaterThanOrEqual(5);
  expect(report.tests.filter((outcome) => !outcome.ok)).toEqual([]);
  expect(report.tests[0]?.name).toMatch(/^the SSE example › /);
  expect(report.exit.reason).toBe("exited");
});

test("tests run against the edited files and report each failure's message", async () => {
  const { files } = (await harness.request("GET", "/api/examples/sse")).json<{ files: Record<string, string> }>();
  const edited = { ...files, "app.ts": files["app.ts"]!.replace("New deployment started.", "Edited.") };
  const report = (await harness.request("POST", "/api/tests", { body: { example: "sse", files: edited } })).json<Report>();
  const failed = report.tests.filter((outcome) => !outcome.ok);
  expect(failed).toHaveLength(1);
  expect(failed[0]?.error).toContain("Edited.");
});
