import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkModule, exampleVariant, replaceOnce, ROOT, runCheck } from "./support.ts";

const EXAMPLES = readdirSync(path.join(ROOT, "examples"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(ROOT, "examples", entry.name, "app.ts")))
  .map((entry) => entry.name);

function read(...parts: string[]): string {
  return readFileSync(path.join(...parts), "utf8");
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

describe("the SSE example, broken on purpose", () => {
  const unreferenced = exampleVariant("sse", "sse-unreferenced", {
    "app.ts": (app) => replaceOnce(app, `app.route("/events", { referenced: true }, (req) => {`, `app.route("/events", (req) => {`),
  });
  const swapOnConnect = exampleVariant("sse", "sse-swap-on-connect", {
    "templates/feed.html": (feed) =>
      replaceOnce(
        replaceOnce(feed, `sse-connect="/events" sse-close="close">`, `sse-connect="/events" sse-close="close" sse-swap="notification">`),
        `<ol id="feed" sse-swap="notification" hx-swap`,
        `<ol id="feed" hx-swap`,
      ),
  });
  const connectLine = read(ROOT, "examples/sse/templates/feed.html").split("\n").findIndex((line) => line.includes("sse-connect=")) + 1;
  const eventsLine = read(ROOT, "examples/sse/app.ts").split("\n").findIndex((line) => line.includes('app.route("/events"')) + 1;

  it("without referenced, orphan-route names /events", async () => {
    const issues = await checkModule(path.join(ROOT, unreferenced, "app.ts"));
    expect(issues).toMatchObject([{ severity: "warning", rule: "orphan-route", route: "/events", file: "app.ts", line: eventsLine }]);
    expect(issues[0]?.message).toContain("/events");
  });

  it("with sse-swap on the sse-connect element, sse-self-swap is an error and the exit status is 1", async () => {
    const run = await runCheck(swapOnConnect, "--json");
    expect(JSON.parse(run.stdout)).toEqual({
      issues: [
        {
          severity: "error",
          rule: "sse-self-swap",
          message: expect.stringContaining('sse-swap="notification"'),
          file: `${swapOnConnect}/templates/feed.html`,
          line: connectLine,
        },
      ],
    });
    expect(run.status).toBe(1);
  });

  it("in debug mode, app.run() prints the report at start-up", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, swapOnConnect, "app.ts")], {
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
      expect(printed).toMatch(new RegExp(`${connectLine} +error +sse-self-swap`));
    } finally {
      child.kill("SIGTERM");
    }
  });
});
