import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { waitFor } from "../support/wait-for.ts";

// Get started, followed as a reader would: its titled code blocks written to my-app/
// step by step, its commands run exactly as the page writes them, and what the page
// says each step shows, checked. The project it runs in is a throwaway copy of this
// one (the same package.json, framework and node_modules, linked), so a reader's
// own my-app/ is never touched and the examples are not in the way.
const ROOT = path.resolve(import.meta.dirname, "../..");
const PAGE = readFileSync(path.join(ROOT, "content/docs/get-started.md"), "utf8");
const PROJECT = path.join(ROOT, ".cache/get-started");

/** The page's steps: each `## ` section's titled code blocks (file → text). */
function steps(): { title: string; files: Record<string, string> }[] {
  return PAGE.split(/^## /m)
    .slice(1)
    .map((section) => {
      const files: Record<string, string> = {};
      for (const block of section.matchAll(/^```\w+ title="([^"]+)"\n([\s\S]*?)^```$/gm)) files[block[1]!] = block[2]!;
      return { title: section.split("\n", 1)[0]!, files };
    });
}

/** The command the page gives in inline code that starts with `start`. */
function command(start: string): string {
  const found = [...PAGE.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!).find((code) => code.startsWith(start));
  if (!found) throw new Error(`Get started gives no command starting with ${start}`);
  return found;
}

/** The environment of a command run by a reader: this test's own vitest settings left out. */
function readerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST") && name !== "NODE_OPTIONS" && name !== "TEST"));
  return { ...env, FORCE_COLOR: "0", NO_COLOR: "1", ...extra };
}

/** Runs `line` with the shell in the project, as typed; resolves to its exit status and output. */
function run(line: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", line], { cwd: PROJECT, env: readerEnv() });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("close", (status) => resolve({ status, output }));
  });
}

/**
 * Starts the app with the page's command on a free port, in a process group of its
 * own (npx does not pass signals on to the program it starts); resolves to its URL
 * and a way to stop it as Ctrl+C would.
 */
async function serve(line: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn("sh", ["-c", line], { cwd: PROJECT, env: readerEnv({ PORT: "0", HOST: "127.0.0.1" }), detached: true });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk));
  const url = await waitFor(() => /http:\/\/127\.0\.0\.1:\d+\//.exec(output)?.[0] ?? (child.exitCode !== null ? `exited: ${output}` : undefined), "the app to listen", 60_000);
  if (url.startsWith("exited")) throw new Error(`${line} ${url}`);
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once("close", () => resolve());
      process.kill(-child.pid!, "SIGINT");
    });
  return { url, stop };
}

beforeAll(() => {
  rmSync(PROJECT, { recursive: true, force: true });
  mkdirSync(PROJECT, { recursive: true });
  copyFileSync(path.join(ROOT, "package.json"), path.join(PROJECT, "package.json"));
  for (const shared of ["node_modules", "server", "common", "scripts", "tsconfig.json", "vitest.config.ts"]) {
    symlinkSync(path.join(ROOT, shared), path.join(PROJECT, shared));
  }
});
afterAll(() => rmSync(PROJECT, { recursive: true, force: true }));

it("Install says how to get the project, not `git clone <this repository>`", () => {
  expect(PAGE).not.toMatch(/git clone/);
  expect(PAGE).toContain("```bash\nnpm install\n```");
});

it("runs as written: each step's files, its command and what the page says it shows", async () => {
  const byTitle = new Map(steps().map((step) => [step.title, step.files]));
  const write = (title: string) => {
    const files = byTitle.get(title);
    expect(files, `the section "${title}"`).toBeDefined();
    for (const [name, text] of Object.entries(files!)) {
      mkdirSync(path.dirname(path.join(PROJECT, name)), { recursive: true });
      writeFileSync(path.join(PROJECT, name), text);
    }
    return Object.keys(files!);
  };
  const start = command("npx tsx ");
  expect(start).toBe("npx tsx my-app/app.ts");

  expect(write("A first app")).toEqual(["my-app/app.ts"]);
  let app = await serve(start);
  expect(await (await fetch(app.url)).text()).toContain("Hello from chirp");
  await app.stop();

  expect(write("A first template")).toEqual(["my-app/app.ts", "my-app/templates/index.html"]);
  app = await serve(start);
  const page = await (await fetch(app.url)).text();
  expect(page).toContain("Hello, world");
  expect(page).toContain("Clicked 0 times");
  await app.stop();

  expect(write("A first fragment")).toEqual(["my-app/app.ts"]);
  app = await serve(start);
  const clicked = await (await fetch(new URL("/count?n=0", app.url), { method: "POST" })).text();
  expect(clicked.trim()).toBe('<button hx-post="/count?n=1" hx-swap="outerHTML">Clicked 1 times</button>');
  await app.stop();

  // The SSE snippet: the page names both files it goes in.
  expect(write("A first stream")).toEqual(["my-app/app.ts", "my-app/templates/index.html"]);
  app = await serve(start);
  expect(await (await fetch(app.url)).text()).toContain('<p hx-ext="sse" sse-connect="/clock" sse-swap="time">');
  const controller = new AbortController();
  const clock = await fetch(new URL("/clock", app.url), { signal: controller.signal });
  const reader = clock.body!.getReader();
  let stream = "";
  while (!/event: time\ndata: <time>[^<]+<\/time>\n\n/.test(stream)) stream += new TextDecoder().decode((await reader.read()).value);
  controller.abort();
  await app.stop();

  expect(write("A first test")).toEqual(["my-app/app.test.ts"]);
  const test = await run(command("npx vitest run"));
  expect(command("npx vitest run")).toBe("npx vitest run my-app");
  expect(test.output).toMatch(/Tests\s+2 passed \(2\)/);
  expect(test.status, test.output).toBe(0);

  const check = await run(command("npm run check"));
  expect(command("npm run check")).toBe("npm run check -- my-app");
  expect(check.output).toContain("no contract issues");
  expect(check.status, check.output).toBe(0);
}, 300_000);
