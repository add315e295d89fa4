import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Frame } from "../../common/playground-protocol.ts";
import { FrameSplitter } from "../playground/sse-frames.ts";
import { finalScreen, sseConnections, type ColorScheme } from "./final-screen.ts";

/** How long a recording reads an example's event streams after loading its page, and how many frames it keeps at most. */
export interface RecordingBounds {
  ms: number;
  frames: number;
}

/** The build's bounds: a few seconds per example, so recording every example stays quick. */
export const RECORDING_BOUNDS: RecordingBounds = { ms: 3_000, frames: 40 };

/** How long an example may take to start listening before its recording is given up. */
const START_TIMEOUT_MS = 30_000;

/** How many examples are recorded at once. */
const AT_ONCE = 3;

/** Environment variables an example reads that make its stream quicker, and the value a recording uses. */
const QUICKER: Record<string, string> = { SSE_DELAY: "0.2", DASHBOARD_DELAY: "0.3", LLM_TOKEN_MS: "20" };

/** One frame of a recorded stream: `t` ms after the page was requested. */
export type RecordedFrame = Frame & { t: number };

/** One event stream the page opened, as a browser's EventSource would have. */
export interface RecordedStream {
  path: string;
  status: number;
  frames: RecordedFrame[];
  /** The server ended the stream within the recording. */
  ended: boolean;
}

/**
 * A real run of an example, recorded for the static copy: the page it served at `/`,
 * the frames of every event stream that page connects to (read for at most
 * {@link RECORDING_BOUNDS}), and the page with those frames swapped in as htmx would.
 */
export interface ExampleRecording {
  example: string;
  /** What the recording was limited to. */
  bounds: RecordingBounds;
  /** The variables set to make the run quicker (only those the example reads). */
  env: Record<string, string>;
  status: number;
  streams: RecordedStream[];
  /** How many frames the streams received in all. */
  frameCount: number;
  /** The screen the run left, in each colour scheme: the served page with its streamed blocks and events swapped in, scripts removed (see {@link finalScreen}). */
  screens: Record<ColorScheme, string>;
  /** Why the run could not be recorded, when it could not. */
  error?: string;
}

/** The example apps under `root/examples`. */
export function exampleNames(root: string): string[] {
  const dir = path.join(root, "examples");
  return readdirSync(dir).filter((name) => existsSync(path.join(dir, name, "app.ts"))).sort();
}

/** Starts `examples/<name>/app.ts` on a free loopback port, as `npx tsx` would; resolves once it listens. */
function startExample(root: string, name: string, env: Record<string, string>): Promise<{ url: string; stop(): void }> {
  const { CHIRP_REDIS_URL: _redis, CHIRP_HTMX: _htmx, ...inherited } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "examples", name, "app.ts")], {
    cwd: root,
    env: { ...inherited, ...env, HOST: "127.0.0.1", PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = () => void (child.exitCode === null && child.kill("SIGKILL"));
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => fail(`did not start listening within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    const fail = (why: string) => {
      clearTimeout(timer);
      stop();
      reject(new Error(`${name}: ${why}${output ? `\n${output.trim()}` : ""}`));
    };
    const read = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const url = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, stop });
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => fail(`exited (${code}) before listening`));
  });
}

/** Reads the event stream at `url` until it ends, the deadline passes or the frames `budget` shared by the page's streams runs out. */
async function recordStream(url: URL, started: number, deadline: number, budget: { left: number }): Promise<RecordedStream> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.max(0, deadline - Date.now()));
  const stream: RecordedStream = { path: url.pathname + url.search, status: 0, frames: [], ended: false };
  try {
    const response = await fetch(url, { headers: { accept: "text/event-stream" }, signal: controller.signal });
    stream.status = response.status;
    const splitter = new FrameSplitter();
    const decoder = new TextDecoder();
    const reader = response.body!.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      for (const frame of splitter.push(decoder.decode(chunk.value, { stream: true }))) {
        if (budget.left <= 0) return stream;
        budget.left -= 1;
        stream.frames.push({ ...frame, t: Date.now() - started });
      }
    }
    stream.ended = true;
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return stream;
}

/** The quicker settings among {@link QUICKER} that the example's `app.ts` reads. */
function quickerEnv(root: string, name: string): Record<string, string> {
  const source = readFileSync(path.join(root, "examples", name, "app.ts"), "utf8");
  return Object.fromEntries(Object.entries(QUICKER).filter(([variable]) => source.includes(`process.env.${variable}`)));
}

/** Records one real run of the example `name`: start it, load `/`, open its event streams, stop it. */
export async function recordExample(root: string, name: string, bounds: RecordingBounds = RECORDING_BOUNDS): Promise<ExampleRecording> {
  const env = quickerEnv(root, name);
  const run = await startExample(root, name, env);
  try {
    const started = Date.now();
    const page = await fetch(run.url, { headers: { accept: "text/html" } });
    const html = await page.text();
    const deadline = Date.now() + bounds.ms;
    const budget = { left: bounds.frames };
    const streams = await Promise.all(sseConnections(html).map((connect) => recordStream(new URL(connect, run.url), started, deadline, budget)));
    // Frames in the order they arrived, across streams, as the page would have swapped them.
    const arrived = streams.flatMap((stream) => stream.frames).sort((a, b) => a.t - b.t);
    return { example: name, bounds, env, status: page.status, streams, frameCount: arrived.length, screens: { light: finalScreen(html, arrived, "light"), dark: finalScreen(html, arrived, "dark") } };
  } finally {
    run.stop();
  }
}

/** Records every example in `names` (default: all), a few at a time; a run that fails is recorded as its error. */
export async function recordExamples(root: string, names: string[] = exampleNames(root), bounds: RecordingBounds = RECORDING_BOUNDS): Promise<Map<string, ExampleRecording>> {
  const recordings = new Map<string, ExampleRecording>();
  const queue = [...names];
  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      try {
        recordings.set(name, await recordExample(root, name, bounds));
      } catch (error) {
        recordings.set(name, { example: name, bounds, env: {}, status: 0, streams: [], frameCount: 0, screens: { light: "", dark: "" }, error: error instanceof Error ? error.message : String(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  return recordings;
}
