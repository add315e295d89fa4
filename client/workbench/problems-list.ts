import type { Problem } from "./api.ts";
import { h } from "./dom.ts";

/** `2 type errors`. */
export const typeErrors = (n: number): string => `${n} type error${n === 1 ? "" : "s"}`;

/**
 * The type errors of the last Run or Test, listed under the panes beside the
 * Check list: one row per error (message, then `file:line`), a button that
 * `onOpen` takes to its file and line.
 */
export class ProblemsList {
  readonly #summary = h("p", { class: "wb-check-summary" });
  readonly #list = h("ul", { class: "wb-check-issues", "aria-label": "Type errors" });
  readonly element = h("div", { class: "wb-check-body" }, this.#summary, this.#list);

  constructor(readonly onOpen: (file: string, line: number) => void) {
    this.pending();
  }

  /** A check is on its way. */
  pending(): void {
    this.#say("Checking the types…", "busy");
  }

  /** Shows the errors of the last check, or why there is no check. */
  show(problems: Problem[] | { error: string }): void {
    if (!Array.isArray(problems)) return this.#say(problems.error, "error");
    this.#say(problems.length ? typeErrors(problems.length) : "No type errors", problems.length ? "error" : "ok");
    this.#list.replaceChildren(...problems.map((problem) => this.#row(problem)));
  }

  /** Puts the focus on the first error's row. */
  focusFirst(): void {
    this.#list.querySelector("button")?.focus();
  }

  #say(text: string, state: "busy" | "ok" | "error"): void {
    this.#summary.textContent = text;
    this.#summary.dataset.state = state;
    this.#list.replaceChildren();
  }

  #row({ file, line, message }: Problem): HTMLLIElement {
    const place = `${file}:${line}`;
    const open = h(
      "button",
      { type: "button", class: "wb-check-issue", title: `Show ${place} in the editor`, onclick: () => this.onOpen(file, line) },
      h("span", { class: "wb-severity wb-severity-error" }, "type"),
      h("span", { class: "wb-check-message" }, message),
      h("span", { class: "wb-check-place" }, place),
    );
    return h("li", {}, open);
  }
}
