import type { Files, Problem } from "./api.ts";
import type { CodeEditor } from "./code-editor.ts";
import { h } from "./dom.ts";

/** A button that is on or off (`aria-pressed`); `onChange` gets the new state. */
function toggle(label: string, title: string, onChange: (on: boolean) => void): HTMLButtonElement {
  const button = h("button", { type: "button", class: "wb-toggle", "aria-pressed": "false", title }, label);
  button.addEventListener("click", () => {
    const on = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", String(on));
    onChange(on);
  });
  return button;
}

/**
 * The Source pane: one tab per file (`app.ts` first and selected) over a plain
 * view of the code, replaced by Monaco once it has loaded; beside the tabs, Wrap
 * (long lines wrap at the pane's edge) and Wide (`onWide`: the pane takes the
 * workbench's whole width).
 */
export class SourcePane {
  readonly element: HTMLElement;
  readonly #tabs: HTMLButtonElement[];
  readonly #panel = h("div", { role: "tabpanel", class: "wb-editor" });
  readonly #plain = h("pre", { class: "wb-plain", tabindex: "0" });
  #files: Files;
  #selected: string;
  #editor: CodeEditor | undefined;
  #wrapped = false;

  constructor(files: Files, idPrefix: string, onWide: (on: boolean) => void) {
    this.#files = { ...files };
    this.#selected = Object.keys(files)[0] ?? "";
    this.#tabs = Object.keys(files).map((file, index) =>
      h("button", { type: "button", role: "tab", id: `${idPrefix}-tab-${index}`, "aria-controls": `${idPrefix}-panel`, onclick: () => this.select(file) }, file),
    );
    this.#panel.id = `${idPrefix}-panel`;
    const list = h("div", { role: "tablist", "aria-label": "Files", class: "wb-tabs" }, ...this.#tabs);
    list.addEventListener("keydown", (event) => this.#arrowKeys(event));
    this.#panel.append(this.#plain);
    const wrap = toggle("Wrap", "Wrap long lines at the pane's edge", (on) => {
      this.#wrapped = on;
      this.#plain.classList.toggle("wb-wrapped", on);
      this.#editor?.wrap(on);
    });
    const wide = toggle("Wide", "Give the Source pane the workbench's whole width", onWide);
    const view = h("div", { class: "wb-view", role: "group", "aria-label": "Editor view" }, wrap, wide);
    this.element = h("div", { class: "wb-source-body" }, h("div", { class: "wb-source-bar" }, list, view), this.#panel);
    this.select(this.#selected);
  }

  /** The files as edited. */
  files(): Files {
    return this.#editor?.files() ?? { ...this.#files };
  }

  /** Shows `file`'s tab. */
  select(file: string): void {
    this.#selected = file;
    const names = Object.keys(this.#files);
    this.#tabs.forEach((tab, index) => {
      const selected = names[index] === file;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      if (selected) this.#panel.setAttribute("aria-labelledby", tab.id);
    });
    this.#plain.textContent = this.files()[file] ?? "";
    this.#editor?.open(file);
  }

  /** Replaces the text of every file. */
  setFiles(files: Files): void {
    this.#files = { ...files };
    this.#editor?.setFiles(files);
    this.select(this.#selected);
  }

  /** Shows build errors as editor markers and opens the first file with one. */
  mark(problems: Problem[]): void {
    this.#editor?.mark(problems);
    const first = problems.find((problem) => problem.file in this.#files);
    if (first) this.select(first.file);
  }

  /** Opens `file`'s tab with the cursor on `line` (in Monaco; the plain view only switches file). */
  reveal(file: string, line: number): void {
    if (!(file in this.#files)) return;
    this.select(file);
    this.#editor?.reveal(line);
  }

  /** Puts Monaco in place of the plain view. */
  attach(load: (host: HTMLElement, files: Files) => CodeEditor): void {
    const files = this.files();
    const focused = this.#plain.contains(document.activeElement);
    this.#plain.remove();
    this.#editor = load(this.#panel, files);
    this.#editor.open(this.#selected);
    this.#editor.wrap(this.#wrapped);
    // A reader who tabbed into the plain view carries on in the editor.
    if (focused) this.#editor.focus();
  }

  /** Arrow keys move to the next or previous file's tab, Home and End to the first and last. */
  #arrowKeys(event: KeyboardEvent): void {
    const names = Object.keys(this.#files);
    const at = names.indexOf(this.#selected);
    const moves: Record<string, number> = { ArrowRight: (at + 1) % names.length, ArrowLeft: (at - 1 + names.length) % names.length, Home: 0, End: names.length - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.select(names[next]!);
    this.#tabs[next]?.focus();
  }
}
