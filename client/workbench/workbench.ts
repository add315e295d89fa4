import { RunApi, type FeedMessage, type Files, type HtmxVersion, type Isolation, type Problem, type RunAnswer } from "./api.ts";
import { CheckList } from "./check-list.ts";
import { ChunksPanel } from "./chunks-panel.ts";
import type { CodeEditor } from "./code-editor.ts";
import { h } from "./dom.ts";
import { FramesPanel, KEEP_FRAMES } from "./frames-panel.ts";
import { LiveOutput } from "./live-output.ts";
import { runAddress } from "./run-address.ts";
import { ProblemsList, typeErrors } from "./problems-list.ts";
import { RunStatus, type StatusState } from "./run-status.ts";
import { addPaneSplitters } from "./pane-splitters.ts";
import { ActionNote } from "./action-note.ts";
import { copyText } from "../clipboard.ts";
import { editPageText, pageText } from "../page-text.ts";
import { withEditedFiles } from "./llm-text.ts";
import { onThisMachineOnly, pageAddress } from "../page-address.ts";
import { shareUrl, sharedFiles } from "./share.ts";
import { confirmSharedRun } from "./shared-code-dialog.ts";
import { SourcePane } from "./source-pane.ts";
import { TestResults } from "./test-results.ts";
import { forgetFiles, saveFiles, savedFiles } from "./storage.ts";

/** What the live output says in place of a stopped run's page. */
const STOPPED = "Stopped. Run starts it again.";

/** A `<section>` named by its visible heading. */
function pane(id: string, title: string, body: HTMLElement, className: string): HTMLElement {
  return h("section", { class: `wb-pane ${className}`, "aria-labelledby": id }, h("h2", { id, class: "wb-title" }, title), body);
}

/** The workbench's keys, listed under the panes. */
function keyboardHelp(): HTMLElement {
  const key = (name: string) => h("kbd", {}, name);
  return h(
    "p",
    { class: "wb-keys" },
    "Keys: ",
    key("Ctrl"), "+", key("Enter"), " (", key("⌘"), "+", key("Enter"), ") runs · in the editor ", key("Tab"), " indents: press ",
    key("Esc"), " then ", key("Tab"), " to move on · ", key("←"), " ", key("→"), " ", key("Home"), " ", key("End"),
    " switch files · ", key("←"), " ", key("→"), " on a divider resize the panes",
  );
}

function same(a: Files, b: Files): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => a[name] === b[name]);
}

/** `original` with the texts of `saved` for the files both have. */
function merged(original: Files, saved: Files | undefined): Files {
  return Object.fromEntries(Object.entries(original).map(([file, text]) => [file, saved?.[file] ?? text]));
}

/** What keeps a run from the machine, beside Run: a link to the page that says what a run can and cannot do. */
function isolationBadge(isolation: Isolation): HTMLElement {
  const title =
    isolation === "isolated"
      ? "Runs are isolated: a process and network of their own, only their own folder"
      : "Runs are guarded: no files, signals or connections outside the run, but no operating-system isolation here";
  return h("a", { class: "wb-isolation", href: "/docs/concepts/security/", "data-isolation": isolation, title }, isolation);
}

/** What Share does, on its button: where its link opens, and whether it carries the code. */
function shareTitle(readOnly: boolean): string {
  const what = readOnly ? "Copy a link to this example page" : "Copy a link that carries this code";
  return onThisMachineOnly(pageAddress()) ? `${what} (it opens on this machine only; Copy as LLM text carries the code anywhere)` : what;
}

/** Whether the example keeps pages for htmx 4 beside its htmx 2 ones (`templates/htmx4/`), so it runs on either. */
function runsOnBothHtmx(files: Files): boolean {
  return Object.keys(files).some((file) => file.startsWith("templates/htmx4/"));
}

/**
 * The workbench of one example page: Source, Live output and Event frames (or
 * Response chunks, on a page that says so) side by side, with Run, Test, Reset, Share and Copy as LLM text; under them the
 * results of the last Test and the Check list of the last run's wiring issues.
 */
export class Workbench {
  readonly #source: SourcePane;
  readonly #live = new LiveOutput();
  readonly #frames: FramesPanel;
  /** Shown instead of the frames where the page says `data-shows="chunks"`: a page streamed in parts. */
  readonly #chunks = new ChunksPanel();
  /** Opens `file` at `line` in the editor, loading it first if the reader has not reached it yet. */
  readonly #reveal = (file: string, line: number) => void this.loadEditor().then(() => this.#source.reveal(file, line));
  readonly #check = new CheckList(this.#reveal);
  readonly #problems = new ProblemsList(this.#reveal);
  /** "Ran with 2 type errors" beside Run, when there are any: it leads to the list. */
  readonly #problemCount = h("button", { type: "button", class: "wb-problem-count", hidden: true, onclick: () => this.#problems.focusFirst() });
  /** Counts type checks asked for: only the latest one's answer is shown. */
  #typeChecks = 0;
  #editorLoaded: Promise<void> | undefined;
  readonly #tests = new TestResults();
  readonly #testsPane: HTMLElement;
  readonly #status = h("p", { class: "wb-status", role: "status" });
  readonly #note = h("p", { class: "wb-note", hidden: true });
  readonly #buttons: Record<"run" | "stop" | "test" | "reset" | "share" | "llm", HTMLButtonElement>;
  /** What Share and Copy as LLM text did, under each: the run's status would soon overwrite it. */
  readonly #notes: Record<"share" | "llm", ActionNote>;
  readonly #runStatus = new RunStatus(
    (text, state) => this.#setStatus(text, state),
    (frame, message, path) => {
      const show = h("button", { type: "button", onclick: () => this.#frames.reveal(frame) }, "Show the frame");
      this.#live.say(`Stream error on ${path} (connection ${frame.conn}): ${message}`, { error: true, action: show });
    },
  );
  #runId: string | undefined;
  /** The run this page asked to stop: its end needs no reason, unlike one the server stopped. */
  #stopAsked: string | undefined;
  #feed: EventSource | undefined;
  /** A run is being built and started: Run is marked unavailable and further requests wait. */
  #starting = false;
  /** The code came in a shared link and the person has not yet agreed to run it. */
  #unconfirmedShare = false;
  /** Run was asked for (Ctrl/Cmd+Enter) while another was starting: the latest code runs once it has. */
  #runAgain = false;
  /** Which htmx runs and tests use, for an example written for both: switching it runs again, to compare the frames. */
  readonly #htmx = h(
    "select",
    { "aria-label": "htmx version", title: "Run the example on htmx 2 or htmx 4 and compare the Event frames", onchange: () => void this.run() },
    h("option", { value: "2" }, "htmx 2"),
    h("option", { value: "4" }, "htmx 4"),
  );

  constructor(
    readonly host: HTMLElement,
    readonly example: string,
    readonly api: RunApi,
    readonly original: Files,
  ) {
    // A read-only server runs only the originals: edits and shared code are not offered.
    const shared = api.session.readOnly ? undefined : sharedFiles();
    const files = api.session.readOnly ? original : merged(original, shared ?? savedFiles(example));
    this.#source = new SourcePane(files, `wb-${example}`, (wide) => host.classList.toggle("wb-wide", wide));
    // The host's data-keep-frames sets how many frames the Event frames pane keeps.
    this.#frames = new FramesPanel(Number(host.dataset.keepFrames) || KEEP_FRAMES);
    const button = (label: string, onclick: () => void, title?: string) => h("button", { type: "button", onclick, title }, label);
    this.#buttons = {
      run: button("Run", () => void this.run(), "Run (Ctrl+Enter / ⌘+Enter)"),
      stop: button("Stop", () => void this.stop(), "Stop the running example"),
      test: button("Test", () => void this.test(), "Run the example's tests against this code"),
      reset: button("Reset", () => this.reset(), "Restore the example's original files"),
      share: button("Share", () => void this.share(), shareTitle(api.session.readOnly)),
      llm: button("Copy as LLM text", () => void this.copyLlmText(), "Copy this page's Markdown with your edited files"),
    };
    this.#buttons.run.classList.add("wb-primary");
    // The shortcut, shown on the button (its name stays "Run"; aria-keyshortcuts tells assistive technology).
    this.#buttons.run.setAttribute("aria-keyshortcuts", "Control+Enter Meta+Enter");
    this.#buttons.run.append(h("kbd", { class: "wb-shortcut", "aria-hidden": "true" }, /Mac|iPhone|iPad/.test(navigator.userAgent) ? "⌘ Enter" : "Ctrl+Enter"));
    this.#buttons.stop.disabled = true;
    this.#notes = { share: new ActionNote(this.#buttons.share), llm: new ActionNote(this.#buttons.llm) };
    const { run, stop, test, reset } = this.#buttons;
    const htmx = runsOnBothHtmx(original) ? [this.#htmx] : [];
    // The run's status and type errors keep a place of their own, so their changing text never moves the buttons.
    const state = h("div", { class: "wb-state" }, this.#status, this.#problemCount);
    const toolbar = h("div", { class: "wb-toolbar", role: "toolbar", "aria-label": "Workbench" }, run, isolationBadge(api.session.isolation), stop, ...htmx, test, reset, this.#notes.share.element, this.#notes.llm.element, state);
    const [wireTitle, wire] = host.dataset.shows === "chunks" ? ["Response chunks", this.#chunks] : ["Event frames", this.#frames];
    const panes = [
      pane(`wb-${example}-source`, "Source", this.#source.element, "wb-source"),
      pane(`wb-${example}-live`, "Live output", this.#live.element, "wb-live"),
      pane(`wb-${example}-frames`, wireTitle, wire.element, "wb-frames-pane"),
    ];
    const grid = h("div", { class: "wb-panes" }, ...panes);
    addPaneSplitters(grid, panes, ["Source", "Live output", wireTitle]);
    host.classList.add("wb");
    const check = pane(`wb-${example}-check`, "Check", h("div", {}, this.#problems.element, this.#check.element), "wb-check");
    this.#testsPane = pane(`wb-${example}-tests`, "Tests", this.#tests.element, "wb-tests-pane");
    this.#testsPane.hidden = true;
    host.replaceChildren(toolbar, this.#note, grid, keyboardHelp(), this.#testsPane, check);
    host.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void this.run();
      }
    });
    addEventListener("pagehide", () => this.#runId && api.stop(this.#runId));
    if (api.session.readOnly) this.#readOnly();
    editPageText(host, (markdown) => withEditedFiles(markdown, this.original, this.#source.files()));
    this.#unconfirmedShare = shared !== undefined;
    if (shared) this.#notice("This code came from a shared link: someone else wrote it. It has not run: read it, then click Run.");
    else void this.run();
  }

  /**
   * Loads the editor when the reader first reaches the Source pane (pointer or
   * keyboard): a reader who only reads and runs never downloads Monaco, its
   * TypeScript worker or the type bundle.
   */
  loadEditorOnFirstUse(): void {
    const element = this.#source.element;
    const triggers = ["focusin", "pointerenter", "pointerdown"] as const;
    const load = () => {
      for (const type of triggers) element.removeEventListener(type, load);
      void this.loadEditor();
    };
    for (const type of triggers) element.addEventListener(type, load);
  }

  /** Loads Monaco (a chunk of its own), once, and puts it in place of the plain view. */
  loadEditor(): Promise<void> {
    this.#editorLoaded ??= this.#loadEditor().catch((error: unknown) =>
      this.#notice(`The editor could not load (${error instanceof Error ? error.message : String(error)}); the code shows as plain text.`),
    );
    return this.#editorLoaded;
  }

  async #loadEditor(): Promise<void> {
    const [{ createCodeEditor }, libs] = await Promise.all([import("./code-editor.ts"), this.api.types()]);
    this.#source.attach(
      (host, files): CodeEditor =>
        createCodeEditor(host, files, {
          libs,
          readOnly: this.api.session.readOnly,
          onRun: () => void this.run(),
          onChange: (edited) => (same(edited, this.original) ? forgetFiles(this.example) : saveFiles(this.example, edited)),
        }),
    );
    this.host.dataset.editor = "ready";
  }

  #htmxVersion(): HtmxVersion {
    return this.#htmx.value === "4" ? 4 : 2;
  }

  /** The files to send: undefined when unedited (the server then runs its own copy). */
  #edits(): Files | undefined {
    const files = this.#source.files();
    return same(files, this.original) ? undefined : files;
  }

  /**
   * Builds and starts the current code, replacing the previous run. One run starts
   * at a time, whether asked for by the button or the keyboard: a request made while
   * one is starting (Run is marked unavailable then) is kept, once, and runs the latest code
   * after it, so a page never holds more than one starting run.
   */
  async run(): Promise<void> {
    if (this.#unconfirmedShare) {
      const changed = Object.keys(this.original).filter((file) => this.#source.files()[file] !== this.original[file]);
      if (!(await confirmSharedRun(this.host, changed, this.api.session.isolation))) return;
      this.#unconfirmedShare = false;
    }
    if (this.#starting) {
      this.#runAgain = true;
      return this.#setStatus("Building and starting… your latest code runs next", "busy");
    }
    this.#setStarting(true);
    try {
      await this.#start();
    } finally {
      this.#setStarting(false);
    }
    if (this.#runAgain) {
      this.#runAgain = false;
      await this.run();
    }
  }

  /**
   * Marks Run as unavailable while a run starts with `aria-disabled`, not `disabled`:
   * a disabled button loses focus, and a keyboard user who pressed Run keeps it.
   */
  #setStarting(starting: boolean): void {
    this.#starting = starting;
    this.#buttons.run.setAttribute("aria-disabled", String(starting));
  }

  async #start(): Promise<void> {
    this.#note.hidden = !this.api.session.readOnly;
    this.#feed?.close();
    this.#buttons.stop.disabled = true;
    this.#frames.clear();
    this.#chunks.clear();
    this.#live.reset();
    this.#check.pending();
    void this.#typeCheck("Ran");
    this.#setStatus("Building and starting…", "busy");
    // The run this one replaces ends as it starts: its pages leave the frames first.
    if (this.#runId) {
      await this.#live.unload();
      this.#live.idle("Building and starting…");
    }
    let answer: RunAnswer;
    try {
      answer = await this.api.run(this.example, this.#edits(), this.#runId, this.#htmxVersion());
    } catch (error) {
      answer = { error: error instanceof Error ? error.message : String(error) };
    }
    this.#runId = undefined;
    if (!("id" in answer)) this.#check.idle("Not checked: the code did not run.");
    if ("problems" in answer && answer.problems) {
      this.#source.mark(answer.problems);
      const first = answer.problems[0];
      this.#live.idle("The build failed.");
      this.#live.say(`Build failed: ${first ? `${first.file}:${first.line}:${first.column + 1}: ${first.message}` : "unknown error"}`, { error: true });
      return this.#setStatus("Build failed", "error");
    }
    this.#source.mark([]);
    if ("exit" in answer && answer.exit) {
      this.#live.idle("The example stopped before it served anything.");
      this.#live.say(answer.exit.message, { detail: answer.exit.errors, error: true });
      return this.#setStatus("Did not start", "error");
    }
    if ("error" in answer) {
      this.#live.idle("Not running.");
      this.#live.say(answer.error, { error: true });
      return this.#setStatus("Refused", "error");
    }
    if (!("id" in answer)) return;
    const address = await runAddress(answer);
    this.#runId = answer.id;
    this.#buttons.stop.disabled = false;
    this.#feed = this.api.feed(answer.id, (message) => this.#onFeed(message), (refused) => {
      this.#live.say(refused, { error: true });
      this.#check.idle("Not checked: this page could not follow the run.");
      this.#frames.noFrames("No frames: this page could not follow the run (see Live output).");
      this.#setStatus("Not watching", "error");
    }, () => {
      this.#live.say("The docs server does not answer: if it shut down, it ended this run. Run starts it again once the server is back.", { error: true });
      this.#setStatus("Not watching · the docs server does not answer", "error");
    });
    this.#live.show(address);
    this.#runStatus.started();
  }

  /**
   * Ends the running example; its feed then says Stopped. Its pages leave the live
   * output first: left there, they would only fail and reconnect to a run that is gone.
   */
  async stop(): Promise<void> {
    const id = this.#runId;
    if (!id) return;
    // A disabled button loses the focus: a keyboard user who pressed Stop is given Run.
    if (document.activeElement === this.#buttons.stop) this.#buttons.run.focus();
    this.#buttons.stop.disabled = true;
    this.#stopAsked = id;
    this.#setStatus("Stopping…", "busy");
    await this.#live.unload();
    this.#live.idle(STOPPED);
    this.api.stop(id);
  }

  /** Runs the example's test file against the current code and lists the outcomes. */
  async test(): Promise<void> {
    this.#buttons.test.disabled = true;
    this.#setStatus("Testing…", "busy");
    try {
      const [report, problems] = await Promise.all([this.api.test(this.example, this.#edits(), this.#htmxVersion()), this.#typeCheck("Tested")]);
      this.#source.mark(report.problems);
      if (report.problems.length) this.#live.say(`Build failed: ${report.problems[0]!.message}`, { error: true });
      else if (report.exit && report.exit.reason !== "exited") this.#live.say(report.exit.message, { detail: report.exit.errors, error: true });
      this.#tests.show(report);
      this.#testsPane.hidden = false;
      this.#testsPane.scrollIntoView({ block: "nearest" });
      const failed = report.tests.filter((outcome) => !outcome.ok).length;
      const withErrors = problems?.length ? `, with ${typeErrors(problems.length)}` : "";
      this.#setStatus(`${failed || report.problems.length ? "Tests failed" : "Tests passed"}${withErrors}`, failed || report.problems.length ? "error" : "running");
    } catch (error) {
      this.#live.say(error instanceof Error ? error.message : String(error), { error: true });
      this.#setStatus("Tests could not run", "error");
    } finally {
      this.#buttons.test.disabled = false;
    }
  }

  /** Restores the original files and forgets the saved edits. */
  reset(): void {
    this.#source.setFiles(this.original);
    this.#source.mark([]);
    forgetFiles(this.example);
    this.#setStatus("Reset to the original files", "idle");
  }

  /**
   * Copies a link carrying the current files, on the server's public address when it
   * has one; a read-only server loads no shared code, so there it is the page's link.
   * The note under Share says what the link does, and when it opens only on this machine.
   */
  async share(): Promise<void> {
    const page = pageAddress();
    const readOnly = this.api.session.readOnly;
    await navigator.clipboard.writeText(readOnly ? page.href : shareUrl(this.#source.files(), page));
    const note = onThisMachineOnly(page)
      ? "Link copied: it opens on this machine only"
      : readOnly
        ? "Link copied: this example page, as this server runs it"
        : "Link copied: it shows this code without running it";
    this.#notes.share.say(note);
  }

  /** Copies the page's Markdown with the edited files in place of the originals. */
  async copyLlmText(): Promise<void> {
    await copyText(pageText(`${location.pathname.replace(/\/$/, "")}.md`));
    this.#notes.llm.say("Page copied as Markdown, with your edits");
  }

  #onFeed(message: FeedMessage): void {
    if (message.type === "output") return this.#live.log(message.text);
    if (message.type === "page") return this.#live.showPath(message.path);
    if (message.type === "check") return this.#check.show(message);
    if (message.type === "document" || message.type === "chunk") return this.#chunks.add(message);
    if (message.type !== "exit") {
      this.#frames.add(message);
      return this.#runStatus.take(message);
    }
    const asked = this.#stopAsked !== undefined && this.#stopAsked === this.#runId;
    this.#runId = undefined;
    this.#buttons.stop.disabled = true;
    this.#check.ended();
    // Nothing serves the run's page any more: it leaves the live output, where it would only fail to reconnect.
    void this.#live.unload().then(() => this.#live.idle(message.reason === "stopped" ? STOPPED : "The example has ended. Run starts it again."));
    if (message.reason === "stopped" && asked) return this.#setStatus("Stopped", "idle");
    // Stopped by the server (to make room for another run, …): the status says why.
    if (message.reason === "stopped") {
      this.#live.say(message.message);
      return this.#setStatus(`Stopped · ${message.message}`, "idle");
    }
    this.#live.say(message.message, { detail: message.errors, error: message.reason !== "exited" });
    this.#setStatus(message.reason === "exited" ? "Exited" : "Ended", message.reason === "exited" ? "idle" : "error");
  }

  /** Type-checks the current code and shows the errors in the list and beside Run; resolves to them (undefined when the check failed or was overtaken). */
  async #typeCheck(verb: "Ran" | "Tested"): Promise<Problem[] | undefined> {
    const request = ++this.#typeChecks;
    this.#problems.pending();
    let problems: Problem[] | { error: string };
    try {
      problems = await this.api.typeCheck(this.example, this.#edits());
    } catch (error) {
      problems = { error: `The types could not be checked: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (request !== this.#typeChecks) return undefined;
    this.#problems.show(problems);
    const errors = Array.isArray(problems) ? problems : [];
    this.#problemCount.hidden = !errors.length;
    this.#problemCount.textContent = `${verb} with ${typeErrors(errors.length)}`;
    return Array.isArray(problems) ? problems : undefined;
  }

  #readOnly(): void {
    this.#notice(
      this.api.session.shared
        ? "This is a public server: the examples run as written, each in one process every reader shares (Event frames lists only your page's connections); edited code does not run here."
        : "This server is read-only: the examples run as written; running edited code is off.",
    );
  }

  #notice(text: string): void {
    this.#note.textContent = text;
    this.#note.hidden = false;
  }

  #setStatus(text: string, state: StatusState): void {
    this.#status.textContent = text;
    this.#status.dataset.state = state;
  }
}
