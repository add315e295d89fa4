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

test("isolated, the real vitest runs the tests: vi.* works, and the test still sees none of the user's files", async () => {
  const testFile = `import { readFileSync } from "node:fs";
import { expect, it, vi } from "vitest";
it("mocks and fakes time", () => {
  vi.useFakeTimers();
  const later = vi.fn();
  setTimeout(later, 60_000);
  vi.advanceTimersByTime(60_000);
  expect(later).toHaveBeenCalledOnce();
  vi.useRealTimers();
});
it("cannot read the user's files", () => {
  expect(() => readFileSync("/etc/passwd")).toThrow();
  expect(() => readFileSync(${JSON.stringify(import.meta.filename)})).toThrow();
});
`;
  const { files } = (await harness.request("GET", "/api/examples/sse")).json<{ files: Record<string, string> }>();
  const report = (await harness.request("POST", "/api/tests", { body: { example: "sse", files: { ...files, "app.test.ts": testFile } } })).json<Report & { runner: string }>();
  expect(report.runner).toBe(harness.playground.registry.isolation === "isolated" ? "vitest" : "stand-in");
  if (report.runner !== "vitest") return;
  expect(report.tests).toMatchObject([
    { name: "mocks and fakes time", ok: true },
    { name: "cannot read the user's files", ok: true },
  ]);
});

test("guarded, the stand-in runs them and says so", async () => {
  const guarded = await startHarness("tests-run-guarded", { isolation: "guarded" });
  try {
    const report = (await guarded.request("POST", "/api/tests", { body: { example: "sse" } })).json<Report & { runner: string }>();
    expect(report.runner).toBe("stand-in");
    expect(report.tests.filter((outcome) => !outcome.ok)).toEqual([]);
  } finally {
    await guarded.close();
  }
});
