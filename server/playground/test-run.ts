import { rm } from "node:fs/promises";
import { buildRun, prepareRunDir } from "./build.ts";
import { TEST_FILE, type Files } from "./example-files.ts";
import { availableIsolation, type Isolation } from "./isolation.ts";
import type { Limits } from "./limits.ts";
import type { HtmxVersion, TestOutcome, TestReport } from "../../common/playground-protocol.ts";
import { formatMs, SandboxProcess } from "./sandbox-process.ts";

/** Where a test run lives and what it tests. */
export interface TestRunInit {
  dir: string;
  root: string;
  files: Files;
  limits: Limits;
  env?: Record<string, string>;
  isolation?: Isolation;
  /** The htmx version the example runs on. */
  htmx: HtmxVersion;
}


/**
 * Runs the example's test file against `files` in a sandboxed process under the
 * same limits as a run (the test time limit in place of the lifetime): with the
 * real vitest when the run is isolated, with the stand-in (`child/vitest-shim.ts`) when it is only guarded.
 * `onStart` gets a function that ends the tests early.
 */
export async function runTests(init: TestRunInit, onStart: (stop: () => void) => void = () => {}): Promise<TestReport> {
  const { dir, root, files, limits, env, htmx } = init;
  const isolation = init.isolation ?? availableIsolation();
  // The real vitest needs workers and native addons: only a run isolated by the operating system gets them.
  const runner = isolation === "isolated" ? "vitest" : "stand-in";
  try {
    if (!(TEST_FILE in files)) return { problems: [{ file: TEST_FILE, line: 1, column: 0, message: `This example has no ${TEST_FILE}.` }], tests: [], runner };
    await prepareRunDir(dir, runner === "vitest" ? "vitest.ts" : "test.ts");
    // The results are read in a web page, not a terminal: vitest's diff must carry no colour codes.
    const child = new SandboxProcess({ dir, root, limits: { ...limits, lifetimeMs: limits.testMs }, env: { ...env, NO_COLOR: "1" }, isolation, vitest: runner === "vitest" });
    onStart(() => child.stop("stopped", "The tests were stopped."));
    const problems = await buildRun(dir, files, TEST_FILE, runner === "vitest" ? "real" : "stand-in");
    if (problems.length) {
      child.stop("stopped", "The build failed.");
      await child.exited;
      return { problems, tests: [], runner };
    }
    let tests: TestOutcome[] = [];
    child.begin({
      onMessage: (message) => {
        if (message.type === "tests") tests = message.tests;
      },
    }, htmx);
    const exit = await child.exited;
    if (exit.reason === "lifetime") exit.message = `The tests did not finish within ${formatMs(limits.testMs)} and were ended.`;
    return { problems: [], tests, exit, runner };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
