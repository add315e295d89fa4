import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkFixture, checkModule, fixtureDir, ROOT, runCheck } from "./support.ts";

const EXAMPLES = readdirSync(path.join(ROOT, "examples"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(ROOT, "examples", entry.name, "app.ts")))
  .map((entry) => entry.name);

function read(...parts: string[]): string {
  return readFileSync(path.join(...parts), "utf8");
}

/** Replaces `from` (which must occur exactly once) with `to`. */
function replaceOnce(text: string, from: string, to: string): string {
  expect(text.split(from)).toHaveLength(2);
  return text.replace(from, to);
}

describe("the examples", () => {
  it("there is at least the SSE example", () => {
    expect(EXAMPLES).toContain("sse");
  });

  it.each(EXAMPLES)("examples/%s comes out with no errors through npm run check", async (name) => {
    const run = await runCheck(`examples/${name}`, "--json");
    const { issues } = JSON.parse(run.stdout) as { issues: { severity: string }[] };
    expect(issues.filter((issue) => issue.severity === "error")).toEqual([]);
    expect(run.status).toBe(0);
  });

  it("examples/sse has no issues at all", async () => {
    expect(await checkModule(path.join(ROOT, "examples/sse/app.ts"))).toEqual([]);
  });
});

describe("the SSE example, broken on purpose (fixture copies)", () => {
  const example = path.join(ROOT, "examples/sse");

  it("the copies differ from examples/sse by exactly the one change each", () => {
    const app = read(example, "app.ts");
    const feed = read(example, "templates/feed.html");
    expect(read(fixtureDir("sse-unreferenced"), "app.ts")).toBe(replaceOnce(app, `app.route("/events", { referenced: true }, (req) => {`, `app.route("/events", (req) => {`));
    expect(read(fixtureDir("sse-unreferenced"), "templates/feed.html")).toBe(feed);
    expect(read(fixtureDir("sse-swap-on-connect"), "app.ts")).toBe(app);
    const moved = replaceOnce(
      replaceOnce(feed, `sse-connect="/events" sse-close="close">`, `sse-connect="/events" sse-close="close" sse-swap="notification">`),
      `<ol id="feed" sse-swap="notification" hx-swap`,
      `<ol id="feed" hx-swap`,
    );
    expect(read(fixtureDir("sse-swap-on-connect"), "templates/feed.html")).toBe(moved);
  });

  it("without referenced, orphan-route names /events", async () => {
    const issues = await checkFixture("sse-unreferenced");
    expect(issues).toMatchObject([{ severity: "warning", rule: "orphan-route", route: "/events", file: "app.ts", line: 25 }]);
    expect(issues[0]?.message).toContain("/events");
  });

  it("with sse-swap on the sse-connect element, sse-self-swap is an error and the exit status is 1", async () => {
    const run = await runCheck("tests/contracts/fixtures/sse-swap-on-connect", "--json");
    expect(JSON.parse(run.stdout)).toEqual({
      issues: [
        {
          severity: "error",
          rule: "sse-self-swap",
          message: expect.stringContaining('sse-swap="notification"'),
          file: "tests/contracts/fixtures/sse-swap-on-connect/templates/feed.html",
          line: 45,
        },
      ],
    });
    expect(run.status).toBe(1);
  });

  it("in debug mode, app.run() prints the report at start-up", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(fixtureDir("sse-swap-on-connect"), "app.ts")], {
      cwd: ROOT,
      env: { ...process.env, CHIRP_DEBUG: "1", PORT: "0", HOST: "127.0.0.1" },
    });
    try {
      const printed = await new Promise<string>((resolve, reject) => {
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => {
          stderr += chunk;
          if (stderr.includes("chirp check:")) resolve(stderr);
        });
        child.on("exit", (status) => reject(new Error(`the app exited (${status}) before printing its report: ${stderr}`)));
      });
      expect(printed).toContain("templates/feed.html");
      expect(printed).toMatch(/45 +error +sse-self-swap/);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
