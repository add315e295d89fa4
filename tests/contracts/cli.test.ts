import { describe, expect, it } from "vitest";
import { runCheck } from "./support.ts";

describe("npm run check (scripts/check.ts as a process)", () => {
  it("prints a clean example's report and exits 0", async () => {
    const run = await runCheck("examples/sse");
    expect(run.stdout).toBe("chirp check: no contract issues.\n");
    expect(run.status).toBe(0);
  });

  it("prints exactly { issues } as JSON with --json", async () => {
    const run = await runCheck("examples/sse", "--json");
    expect(JSON.parse(run.stdout)).toEqual({ issues: [] });
    expect(run.status).toBe(0);
  });

  it("groups issues by file with line numbers; warnings and infos alone exit 0", async () => {
    const run = await runCheck("tests/contracts/fixtures/sse-event-mismatch/app.ts");
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("tests/contracts/fixtures/sse-event-mismatch/app.ts");
    expect(lines[1]).toMatch(/^ {2}7 {2}info {5}sse-event-mismatch {2}GET \/clock declares the event "done"/);
    expect(lines[3]).toBe("tests/contracts/fixtures/sse-event-mismatch/templates/page.html");
    expect(lines[4]).toMatch(/^ {2}5 {2}warning {2}sse-event-mismatch {2}sse-swap listens for "tock"/);
    expect(lines.at(-2)).toBe("chirp check: 0 errors, 1 warning, 1 info.");
    expect(run.status).toBe(0);
  });

  it("exits 1 when the report has an error", async () => {
    const run = await runCheck("tests/contracts/fixtures/unknown-template");
    expect(run.stdout).toContain("6  error    unknown-template");
    expect(run.status).toBe(1);
  });

  it("reports htmx 2 attributes in an htmx 4 app, and the reverse, with exit status 1", async () => {
    const twoInFour = await runCheck("tests/contracts/fixtures/htmx-version-2-in-4");
    expect(twoInFour.stdout).toContain("6  error    htmx-version  sse-swap belongs to htmx 2, but the app runs htmx 4");
    expect(twoInFour.status).toBe(1);
    const fourInTwo = await runCheck("tests/contracts/fixtures/htmx-version-4-in-2");
    expect(fourInTwo.stdout).toContain('5  error    htmx-version  hx-sse:connect belongs to htmx 4, but the app runs htmx 2: write hx-ext="sse" sse-connect.');
    expect(fourInTwo.status).toBe(1);
  });

  it("reads an example with both htmx versions' pages as the version it runs: clean in both", async () => {
    const saved = process.env.CHIRP_HTMX;
    process.env.CHIRP_HTMX = "4";
    try {
      const run = await runCheck("examples/sse");
      expect(run.stdout).toBe("chirp check: no contract issues.\n");
    } finally {
      if (saved === undefined) delete process.env.CHIRP_HTMX;
      else process.env.CHIRP_HTMX = saved;
    }
  });

  it.each([
    ["a module whose `app` is not a chirp App", ["tests/contracts/fixtures/not-an-app.ts"], "must export its chirp App as `app`"],
    ["a folder without an app module", ["tests/contracts/fixtures"], "no app module at tests/contracts/fixtures"],
    ["a call without an argument, with its usage", [], "usage: npm run check -- <example dir | app module> [--json]"],
  ])("refuses %s, with exit status 2", async (_case, args, says) => {
    const run = await runCheck(...args);
    expect(run.stderr).toContain(says);
    expect(run.status).toBe(2);
  });
});
