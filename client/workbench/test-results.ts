import type { TestReport } from "./api.ts";
import { h } from "./dom.ts";

/** A failure message with its diff's lines marked: `-` expected, `+` received. */
function failure(text: string): HTMLPreElement {
  const lines = text.split("\n").map((line) => {
    const mark = line.startsWith("- ") || line === "-" ? "expected" : line.startsWith("+ ") || line === "+" ? "received" : "";
    return mark ? h("span", { class: `wb-diff-${mark}` }, `${line}\n`) : `${line}\n`;
  });
  return h("pre", {}, ...lines);
}

/**
 * The Tests pane under the workbench: each test of the last Test with pass or
 * fail, a failure's message and diff in full (`-` expected, `+` received), and what ran them.
 */
export class TestResults {
  readonly element = h("div", { class: "wb-tests" });

  /** Lists each test with pass or fail and the failure message. */
  show(report: TestReport): void {
    const failed = report.tests.filter((test) => !test.ok).length;
    const items = report.tests.map((test) =>
      h(
        "li",
        { class: test.ok ? "wb-pass" : "wb-fail" },
        h("span", { class: "wb-mark", "aria-hidden": "true" }, test.skipped ? "–" : test.ok ? "✓" : "✗"),
        h("span", {}, `${test.name}${test.skipped ? " (skipped)" : ""}`),
        h("span", { class: "visually-hidden" }, test.ok ? " passed" : " failed"),
        ...(test.error ? [failure(test.error)] : []),
      ),
    );
    const summary = report.tests.length ? `Tests: ${report.tests.length - failed} passed, ${failed} failed` : "No test results.";
    const legend = failed ? [h("p", { class: "wb-diff-legend" }, h("span", { class: "wb-diff-expected" }, "- expected"), " ", h("span", { class: "wb-diff-received" }, "+ received"))] : [];
    const runner =
      report.runner === "vitest"
        ? "Run by vitest, in the run's isolated sandbox."
        : "Run by a stand-in for vitest (describe, it, hooks and expect; no vi): this machine cannot isolate runs, so the real vitest does not run here.";
    this.element.replaceChildren(h("p", { class: "wb-tests-summary" }, summary), h("p", { class: "wb-tests-runner" }, runner), ...legend, h("ul", {}, ...items));
  }
}
