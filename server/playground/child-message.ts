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

/** What a sandboxed child tells its parent over IPC. */
export type Message =
  | { type: "ping" }
  | { type: "listening"; port: number }
  /** The test file is loaded: from now on a blocked event loop is an error. */
  | { type: "ready" }
  | { type: "tests"; tests: TestOutcome[] };
