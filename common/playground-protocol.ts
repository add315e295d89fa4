/**
 * The shapes the run API sends to the browser: shared by the server and the
 * workbench (`client/workbench/`), so both sides agree. Types only.
 */
import type { ContractIssue } from "../server/chirp/contracts/report.ts";

export type { ContractIssue } from "../server/chirp/contracts/report.ts";
export type { HtmxVersion } from "../server/chirp/htmx-version.ts";

/** A build error, placed for an editor marker (line 1-based, column 0-based). */
export interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/**
 * How a run is kept from the rest of the machine, besides Node's permission model:
 * `isolated` in namespaces of its own, `guarded` by a guard inside its process
 * where namespaces are unavailable (see `server/playground/isolation.ts`).
 */
export type Isolation = "isolated" | "guarded";

/** Why a sandboxed process ended. */
export type EndReason = "exited" | "crashed" | "stopped" | "lifetime" | "memory" | "blocked" | "start";

/** How a sandboxed process ended, for the person who ran it. */
export interface SandboxExit {
  reason: EndReason;
  code: number | null;
  signal: string | null;
  /** One sentence on what happened. */
  message: string;
  /** Its stdout and stderr, capped. */
  output: string;
  /** Its stderr alone (the error it crashed with, if any): what to show below `message`. */
  errors: string;
}

/** One piece of a process's output. */
export interface OutputChunk {
  stream: "stdout" | "stderr";
  text: string;
}

/** One block of an event stream as it crossed the wire, up to and including its blank line. */
export interface Frame {
  /** The exact text, comments included. */
  raw: string;
  /** `event` when the block carries data (a dispatched event), else `comment` or `field`. */
  kind: "event" | "comment" | "field";
  /** The event name; `message` when a data block has none. */
  event?: string;
  id?: string;
  retry?: number;
  data?: string;
  comments: string[];
}

/** One test's outcome, as the sandboxed test runner reports it. */
export interface TestOutcome {
  /** Suite names and the test name, joined with " › ". */
  name: string;
  ok: boolean;
  /** Listed with `.skip`, not run. */
  skipped?: true;
  /** The failure message, when the test failed. */
  error?: string;
  durationMs: number;
}

/**
 * The contract checker's report on a run's edited code (files and lines as the
 * editor's tabs name them: `app.ts`, `templates/feed.html`), or why it could not run.
 */
export type CheckOutcome = { issues: ContractIssue[]; error?: undefined } | { issues?: undefined; error: string };

/** What a page watching a run is told, in order. */
export type FeedMessage =
  /** The live output's frame loaded a page (its address bar follows). */
  | { type: "page"; path: string }
  | { type: "connection"; conn: number; path: string; status: number }
  | ({ type: "frame"; conn: number; t: number } & Frame)
  | { type: "closed"; conn: number; t: number }
  /** The live output's frame began loading an HTML page that is not compressed: `doc` numbers them from 1. */
  | { type: "document"; doc: number; path: string; status: number }
  /** A piece of that page's body as it crossed the wire, `t` ms after its response began. */
  | { type: "chunk"; doc: number; t: number; bytes: number; html: string }
  | ({ type: "output" } & OutputChunk)
  /** The wiring check of the run's code, once its first page has loaded. */
  | ({ type: "check" } & CheckOutcome)
  | ({ type: "exit" } & SandboxExit);

/** Why a run did not start: a build error or a process that ended before listening. */
export type StartFailure = { problems: Problem[]; exit?: undefined } | { problems?: undefined; exit: SandboxExit };

/** `POST /api/runs` answers a started run (201) or a {@link StartFailure} (422). */
export interface StartedRun {
  id: string;
  /** The run's own origin: `http://<id>.run.localhost:<docs port>/` locally, `https://<id>.<run-domain>/` behind a proxy. */
  url: string;
  /** Locally, the run on a loopback port of its own, for a browser that does not resolve `*.localhost` (Safari). */
  fallbackUrl?: string;
  /** Public mode: this is the reader's view of the example's one run, which every reader shares. */
  shared?: true;
}

/** `POST /api/type-check` answers the TypeScript errors of the edited `.ts` files, placed as build problems are. */
export interface TypeCheckReport {
  problems: Problem[];
}

/** The outcome of a test run: build problems, or each test's outcome and how the process ended. */
export interface TestReport {
  problems: Problem[];
  tests: TestOutcome[];
  exit?: SandboxExit;
  /** What ran the tests: the real vitest (isolated runs), or the stand-in with vitest's `expect` but no `vi` (guarded runs). */
  runner: "vitest" | "stand-in";
}
