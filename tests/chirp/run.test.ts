import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { waitFor } from "../support/wait-for.ts";

const root = path.resolve(import.meta.dirname, "../..");
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill("SIGKILL");
});

/** Starts the SSE example as its own process, the way a user does, and waits for its URL. */
async function startExample(env: Record<string, string>) {
  const output = { stdout: "", stderr: "" };
  child = spawn(process.execPath, ["--import", "tsx", "examples/sse/app.ts"], {
    cwd: root,
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", ...env },
  });
  child.stdout!.on("data", (chunk) => (output.stdout += chunk));
  child.stderr!.on("data", (chunk) => (output.stderr += chunk));
  const url = await waitFor(() => /serving (http:\/\/\S+)/.exec(output.stdout)?.[1], "the example's URL line", 20_000);
  return { url, output, process: child };
}

it("runs when executed: one log line with the URL, HOST and PORT from the environment", async () => {
  const { url, output } = await startExample({ SSE_DELAY: "0" });
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  expect(output.stdout.trim().split("\n")).toHaveLength(1);
  expect((await fetch(url)).status).toBe(200);
});

it("shuts down on SIGTERM: ends open streams and exits", async () => {
  const { url, process: example } = await startExample({ SSE_DELAY: "60" });
  const response = await fetch(new URL("/events", url));
  const reader = response.body!.getReader();
  expect(new TextDecoder().decode((await reader.read()).value)).toBe("event: status\ndata: connected\n\n");
  const exited = once(example, "exit");
  example.kill("SIGTERM");
  // The stream ends instead of hanging for the 60 s delay.
  expect((await reader.read()).done).toBe(true);
  const [code] = await exited;
  expect(code).toBe(0);
});

it("says clearly when the port is taken", async () => {
  const first = await startExample({ SSE_DELAY: "0" });
  const port = new URL(first.url).port;
  const second = spawn(process.execPath, ["--import", "tsx", "examples/sse/app.ts"], {
    cwd: root,
    env: { ...process.env, HOST: "127.0.0.1", PORT: port },
  });
  let stderr = "";
  second.stderr.on("data", (chunk) => (stderr += chunk));
  const [code] = await once(second, "exit");
  expect(code).toBe(1);
  expect(stderr).toContain(`127.0.0.1:${port} is already in use; set PORT to another port`);
});
