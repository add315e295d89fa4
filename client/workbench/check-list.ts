import type { CheckOutcome, ContractIssue } from "./api.ts";
import { h } from "./dom.ts";

/** `templates/feed.html:31`, or the route when the issue has no place in a file. */
function place(issue: ContractIssue): string {
  if (issue.file) return issue.line ? `${issue.file}:${issue.line}` : issue.file;
  return issue.route ?? "";
}

/**
 * The Check list under the panes: the contract checker's report on the code of
 * the last Run ("No wiring issues", or one row per issue with its severity, rule,
 * message and place). A row with a file is a button: `onOpen` gets its file and line.
 */
export class CheckList {
  readonly element: HTMLElement;
  readonly #summary = h("p", { class: "wb-check-summary", role: "status" });
  readonly #list = h("ul", { class: "wb-check-issues", "aria-label": "Wiring issues" });

  constructor(readonly onOpen: (file: string, line: number) => void) {
    this.element = h("div", { class: "wb-check-body" }, this.#summary, this.#list);
    this.idle("Runs are checked for wiring mistakes once their page has loaded.");
  }

  /** No report to show: `text` says why. */
  idle(text: string): void {
    this.#say(text, "idle");
  }

  /** A run has started: its report is on the way. */
  pending(): void {
    this.#say("Checking the wiring once the page has loaded…", "busy");
  }

  /** The run is over: a report still awaited will not come. */
  ended(): void {
    if (this.#summary.dataset.state === "busy") this.idle("Not checked: the run ended before its page loaded.");
  }

  /** Shows a run's report, or why the check could not run. */
  show(outcome: CheckOutcome): void {
    if (outcome.error !== undefined) return this.#say(outcome.error, "error");
    const { issues } = outcome;
    const errors = issues.filter((issue) => issue.severity === "error").length;
    const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    this.#say(issues.length ? `${count(issues.length, "wiring issue")}, ${count(errors, "error")}` : "No wiring issues", errors ? "error" : "ok");
    this.#list.replaceChildren(...issues.map((issue) => this.#row(issue)));
  }

  #say(text: string, state: "idle" | "busy" | "ok" | "error"): void {
    this.#summary.textContent = text;
    this.#summary.dataset.state = state;
    this.#list.replaceChildren();
  }

  #row(issue: ContractIssue): HTMLLIElement {
    const parts = [
      h("span", { class: `wb-severity wb-severity-${issue.severity}` }, issue.severity),
      h("code", { class: "wb-rule" }, issue.rule),
      h("span", { class: "wb-check-message" }, issue.message),
      h("span", { class: "wb-check-place" }, place(issue)),
    ];
    const { file, line = 1 } = issue;
    if (file === undefined) return h("li", { class: "wb-check-issue" }, ...parts);
    const open = h("button", { type: "button", class: "wb-check-issue", title: `Show ${place(issue)} in the editor`, onclick: () => this.onOpen(file, line) }, ...parts);
    return h("li", {}, open);
  }
}
