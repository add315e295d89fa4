/**
 * Runs inside the sandbox, in place of `vitest` (vitest itself needs workers and
 * child processes, which the sandbox forbids): `describe`, `it`/`test` (with
 * `.skip`), the four hooks, and vitest's own `expect` matchers.
 */
import { chai, JestAsymmetricMatchers, JestChaiExpect, JestExtend } from "@vitest/expect";
import { diff } from "@vitest/utils/diff";
import type { TestOutcome } from "../../../common/playground-protocol.ts";

type Body = () => unknown;

interface Suite {
  name: string;
  tests: { name: string; body: Body | undefined; timeout: number }[];
  suites: Suite[];
  beforeAll: Body[];
  afterAll: Body[];
  beforeEach: Body[];
  afterEach: Body[];
}

/** Default time a test may take, as in the project's vitest config. */
const TEST_TIMEOUT_MS = 30_000;

function newSuite(name: string): Suite {
  return { name, tests: [], suites: [], beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] };
}

// One registry per process, shared by every bundled copy of this module.
const registry = ((globalThis as Record<symbol, { root: Suite; current: Suite }>)[Symbol.for("chirp.playground.tests")] ??= {
  root: newSuite(""),
  current: newSuite(""),
});
registry.current = registry.root;

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

/** vitest's `expect`, with its matchers and asymmetric matchers. */
export const expect = Object.assign((value: unknown, message?: string) => chai.expect(value, message), chai.expect) as unknown as Chai.ExpectStatic;

function register(name: string, body: Body | undefined, timeout = TEST_TIMEOUT_MS): void {
  registry.current.tests.push({ name, body, timeout });
}

/** Defines a test; `it.skip` lists it without running it. */
export const it = Object.assign(register, { skip: (name: string) => register(name, undefined) });
export const test = it;

/** Groups tests; hooks inside apply to them only. */
export const describe = Object.assign(
  (name: string, body: () => void) => {
    const parent = registry.current;
    const suite = newSuite(name);
    parent.suites.push(suite);
    registry.current = suite;
    try {
      body();
    } finally {
      registry.current = parent;
    }
  },
  { skip: (name: string) => registry.current.suites.push({ ...newSuite(name), tests: [{ name: "(skipped suite)", body: undefined, timeout: 0 }] }) },
);

export const beforeAll = (body: Body) => void registry.current.beforeAll.push(body);
export const afterAll = (body: Body) => void registry.current.afterAll.push(body);
export const beforeEach = (body: Body) => void registry.current.beforeEach.push(body);
export const afterEach = (body: Body) => void registry.current.afterEach.push(body);

async function within(body: Body, timeout: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`Test timed out in ${timeout} ms.`)), timeout)));
  try {
    await Promise.race([Promise.resolve().then(body), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Leaves text as it is: the diff is read in a web page, not a terminal. */
const plain = (text: string) => text;
/** Every colour of vitest's diff (it colours for a terminal whenever the environment suggests one). */
const PLAIN_DIFF = {
  aColor: plain,
  bColor: plain,
  changeColor: plain,
  commonColor: plain,
  patchColor: plain,
  changeLineTrailingSpaceColor: plain,
  commonLineTrailingSpaceColor: plain,
  truncateAnnotationColor: plain,
};

/** The failure message, with vitest's diff of expected and received (as plain text) when the assertion has one. */
function message(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const assertion = error as Error & { actual?: unknown; expected?: unknown; showDiff?: boolean };
  const difference =
    assertion.showDiff !== false && "expected" in assertion ? diff(assertion.expected, assertion.actual, { omitAnnotationLines: true, ...PLAIN_DIFF }) : null;
  return difference ? `${error.message}\n\n${difference}` : error.message;
}

async function runSuite(suite: Suite, names: string[], each: { before: Body[]; after: Body[] }, outcomes: TestOutcome[]): Promise<void> {
  const path = suite.name ? [...names, suite.name] : names;
  const hooks = { before: [...each.before, ...suite.beforeEach], after: [...suite.afterEach, ...each.after] };
  let setupError: unknown;
  try {
    for (const hook of suite.beforeAll) await within(hook, TEST_TIMEOUT_MS);
  } catch (error) {
    setupError = error;
  }
  for (const test of suite.tests) {
    const name = [...path, test.name].join(" › ");
    const started = performance.now();
    if (!test.body) {
      outcomes.push({ name, ok: true, skipped: true, durationMs: 0 });
      continue;
    }
    try {
      if (setupError) throw setupError;
      for (const hook of hooks.before) await within(hook, TEST_TIMEOUT_MS);
      await within(test.body, test.timeout);
      for (const hook of hooks.after) await within(hook, TEST_TIMEOUT_MS);
      outcomes.push({ name, ok: true, durationMs: Math.round(performance.now() - started) });
    } catch (error) {
      outcomes.push({ name, ok: false, error: message(error), durationMs: Math.round(performance.now() - started) });
    }
  }
  for (const child of suite.suites) await runSuite(child, path, hooks, outcomes);
  for (const hook of suite.afterAll) await within(hook, TEST_TIMEOUT_MS).catch(() => {});
}

/** Runs every test registered so far, in order, and returns their outcomes. */
export async function runRegisteredTests(): Promise<TestOutcome[]> {
  const outcomes: TestOutcome[] = [];
  await runSuite(registry.root, [], { before: [], after: [] }, outcomes);
  return outcomes;
}
