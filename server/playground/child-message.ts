import type { CheckOutcome, HtmxVersion, TestOutcome } from "../../common/playground-protocol.ts";

/** What the parent tells a child: its user code is in place, start it, on this htmx version (`CHIRP_HTMX`). */
export interface StartMessage {
  type: "start";
  htmx: HtmxVersion;
}

/** What a sandboxed child tells its parent over IPC. */
export type Message =
  | { type: "ping" }
  | { type: "listening"; port: number }
  /** The test file is loaded: from now on a blocked event loop is an error. */
  | { type: "ready" }
  | { type: "tests"; tests: TestOutcome[] }
  /** The contract checker's report on the served app. */
  | ({ type: "check" } & CheckOutcome);
