/**
 * Runs inside an isolated sandbox (its own namespaces, a minimal file system): the
 * real vitest over the bundled test file, in worker threads, so `vi.*` and the whole
 * vitest API work; then reports each test's outcome to the parent.
 */
import { fileURLToPath } from "node:url";
import { startVitest } from "vitest/node";
import type { TestOutcome } from "../../../common/playground-protocol.ts";
import { started, startPinging, tell } from "./channel.ts";

/** The parts of vitest's task tree read here. */
interface Task {
  name: string;
  type: string;
  mode?: string;
  tasks?: Task[];
  result?: { state?: string; duration?: number; errors?: TestError[] };
}

/** A failure as vitest records it: its message and, for a failed comparison, the diff. */
interface TestError {
  message?: string;
  diff?: string;
}

/** The message, then the diff (expected and received) when there is one. */
function describe(error: TestError | undefined): string | undefined {
  if (error?.message === undefined) return undefined;
  return error.diff ? `${error.message}\n\n${error.diff}` : error.message;
}

/** Each test under `task`, named by its suites and its own name joined with " › ". */
function outcomes(task: Task, names: string[] = []): TestOutcome[] {
  if (task.type !== "test") return (task.tasks ?? []).flatMap((child) => outcomes(child, [...names, task.name]));
  const name = [...names, task.name].join(" › ");
  const durationMs = Math.round(task.result?.duration ?? 0);
  if (task.mode === "skip" || task.mode === "todo") return [{ name, ok: true, skipped: true, durationMs }];
  const error = describe(task.result?.errors?.[0]);
  return [{ name, ok: task.result?.state === "pass", ...(error === undefined ? {} : { error }), durationMs }];
}

/** A file that failed as a whole (it did not load, a hook threw) is one failed outcome. */
function fileFailure(file: Task): TestOutcome[] {
  const error = describe(file.result?.errors?.[0]);
  return error === undefined ? [] : [{ name: "app.test.ts", ok: false, error, durationMs: 0 }];
}

startPinging();
await started();
await tell({ type: "ready" });
const root = fileURLToPath(new URL("./", import.meta.url));
const vitest = await startVitest("test", [], { root, include: ["app.mjs"], watch: false, pool: "threads", reporters: [{}], config: false });
const files = vitest.state.getFiles() as unknown as Task[];
await tell({ type: "tests", tests: files.flatMap((file) => [...fileFailure(file), ...(file.tasks ?? []).flatMap((task) => outcomes(task))]) });
await vitest.close();
process.exit(0);
