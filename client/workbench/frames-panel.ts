import type { FrameMessage } from "./api.ts";
import { FrameAnnouncer } from "./announcer.ts";
import { h } from "./dom.ts";
import { download, framesAsJson, framesAsSse } from "./frames-export.ts";
import { streamError, type StreamMessage } from "./run-status.ts";

/** `1503` → `1.503 s`. */
function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

/** The name a frame is filtered and labelled by. */
function label(frame: FrameMessage): string {
  if (frame.kind === "event") return frame.event ?? "message";
  return frame.kind === "comment" ? "comment" : "fields";
}

/** A frame as a line of text for Copy: time, connection, then the raw block. */
function asText(message: StreamMessage): string {
  if (message.type === "connection") return `# connection ${message.conn}: GET ${message.path} → ${message.status}\n`;
  if (message.type === "closed") return `# connection ${message.conn} closed after ${seconds(message.t)}\n`;
  return `# +${seconds(message.t)} (connection ${message.conn})\n${message.raw}`;
}

/** What the empty pane says until the first frame. */
const NO_FRAMES_YET = "No frames yet. Frames appear here as the live output receives them.";

/** How many stream messages (frames, connections) the pane keeps by default. */
export const KEEP_FRAMES = 5_000;

/**
 * The Event frames pane's list: the newest `keep` frames the live output received,
 * grouped by connection, with time since connect, event, id, retry and data (as
 * text, never as HTML), the exact raw text on demand; filter, pause, clear, copy,
 * and save as JSON or as raw `.sse` text. Older frames are let go, and counted.
 * New frames are drawn once per animation frame, in one batch, so a flood of
 * events leaves the page responsive.
 */
export class FramesPanel {
  readonly element: HTMLElement;
  readonly #list = h("ol", { class: "wb-frames", "aria-label": "Frames" });
  readonly #filter = h("select", { "aria-label": "Show events" }, h("option", { value: "" }, "All events"));
  readonly #pause = h("button", { type: "button", "aria-pressed": "false" }, "Pause");
  readonly #empty = h("p", { class: "wb-empty" }, NO_FRAMES_YET);
  readonly #earlier = h("p", { class: "wb-earlier", hidden: true });
  /** The messages kept, oldest first: the newest `keep` are shown (the list is cut back in batches). */
  #messages: StreamMessage[] = [];
  /** Kept messages not drawn yet. */
  #pending: StreamMessage[] = [];
  #held: StreamMessage[] = [];
  /** Messages let go for good. */
  #dropped = 0;
  #drawing = 0;
  readonly #announcer = new FrameAnnouncer();
  /** How many frames arrived since the list was last cleared, for the announcements. */
  #frameCount = 0;
  /** The row shown for each message, while it is shown. */
  readonly #rows = new WeakMap<StreamMessage, HTMLElement>();

  /** `keep`: how many of the newest messages the pane holds (default {@link KEEP_FRAMES}). */
  constructor(readonly keep = KEEP_FRAMES) {
    this.#filter.addEventListener("change", () => this.#render());
    this.#pause.addEventListener("click", () => this.#togglePause());
    const clear = h("button", { type: "button", onclick: () => this.clear() }, "Clear");
    const copy = h("button", { type: "button", onclick: () => void this.#copy(copy) }, "Copy");
    const json = h("button", { type: "button", title: "Save the frames shown as JSON", onclick: () => download("frames.json", framesAsJson(this.#shown()), "application/json") }, "Save JSON");
    const sse = h("button", { type: "button", title: "Save the frames shown as raw event-stream text", onclick: () => download("frames.sse", framesAsSse(this.#shown()), "text/event-stream") }, "Save .sse");
    const controls = h("div", { class: "wb-controls" }, this.#filter, this.#pause, clear, copy, json, sse);
    this.element = h("div", { class: "wb-frames-body" }, controls, this.#empty, this.#earlier, this.#list, this.#announcer.element);
  }

  /** Takes a feed message; frames wait while paused. */
  add(message: StreamMessage): void {
    if (this.#pause.getAttribute("aria-pressed") !== "true") return this.#take([message]);
    this.#held.push(message);
    if (this.#held.length >= 2 * this.keep) {
      this.#dropped += this.#held.length - this.keep;
      this.#held = this.#held.slice(-this.keep);
    }
    this.#pause.textContent = `Resume (${this.#held.length})`;
  }

  /** Says in the empty pane why no frames will come (the page does not follow the run), until the next clear. */
  noFrames(why: string): void {
    this.#empty.textContent = why;
  }

  /** Empties the list, held frames included. */
  clear(): void {
    this.#empty.textContent = NO_FRAMES_YET;
    this.#messages = [];
    this.#held = [];
    this.#dropped = 0;
    this.#announcer.reset();
    this.#frameCount = 0;
    if (this.#pause.getAttribute("aria-pressed") === "true") this.#pause.textContent = "Resume (0)";
    this.#filter.replaceChildren(this.#filter.options[0]!);
    this.#render();
  }

  /** Shows `frame` (all events, if the filter hides it) opened and focused, if it is still kept. */
  reveal(frame: FrameMessage): void {
    if (!this.#visible(frame)) this.#filter.value = "";
    this.#render();
    const row = this.#rows.get(frame);
    if (!row) return;
    row.querySelector("details")!.open = true;
    row.scrollIntoView({ block: "nearest" });
    row.querySelector("summary")!.focus();
  }

  #take(messages: StreamMessage[]): void {
    for (const message of messages) {
      this.#messages.push(message);
      if (message.type === "frame") {
        this.#addFilterOption(label(message));
        this.#announcer.frame(++this.#frameCount);
      }
    }
    this.#pending.push(...messages);
    if (this.#messages.length >= 2 * this.keep) {
      this.#dropped += this.#messages.length - this.keep;
      this.#messages = this.#messages.slice(-this.keep);
    }
    if (this.#pending.length > this.keep) this.#pending = this.#pending.slice(-this.keep);
    this.#drawing ||= requestAnimationFrame(() => this.#draw());
  }

  /** The messages shown (filter aside): the newest `keep`. */
  #shown(): StreamMessage[] {
    return this.#messages.slice(-this.keep);
  }

  /** Appends the pending rows, then cuts the list back to the messages shown. */
  #draw(): void {
    cancelAnimationFrame(this.#drawing);
    this.#drawing = 0;
    const rows = document.createDocumentFragment();
    for (const message of this.#pending) if (this.#visible(message)) rows.append(this.#row(message));
    this.#pending = [];
    this.#list.append(rows);
    const shown = this.#shown();
    const surplus = this.#list.childElementCount - (this.#filter.value ? shown.filter((message) => this.#visible(message)).length : shown.length);
    if (surplus > 0) {
      const range = document.createRange();
      range.setStartBefore(this.#list.firstElementChild!);
      range.setEndAfter(this.#list.children[surplus - 1]!);
      range.deleteContents();
    }
    this.#notices();
  }

  #notices(): void {
    const earlier = this.#dropped + Math.max(0, this.#messages.length - this.keep);
    this.#earlier.hidden = earlier === 0;
    this.#earlier.textContent = `${earlier.toLocaleString("en")} earlier frame${earlier === 1 ? "" : "s"} not shown: the pane keeps the newest ${this.keep.toLocaleString("en")}.`;
    this.#empty.hidden = this.#messages.length > 0;
  }

  #togglePause(): void {
    const paused = this.#pause.getAttribute("aria-pressed") !== "true";
    this.#pause.setAttribute("aria-pressed", String(paused));
    this.#pause.textContent = paused ? "Resume (0)" : "Pause";
    if (!paused) this.#take(this.#held.splice(0));
  }

  #addFilterOption(name: string): void {
    if ([...this.#filter.options].some((option) => option.value === name)) return;
    this.#filter.append(h("option", { value: name }, name));
  }

  #visible(message: StreamMessage): boolean {
    return message.type !== "frame" || !this.#filter.value || label(message) === this.#filter.value;
  }

  /** Draws the list afresh (a new filter, Clear, a frame to reveal). */
  #render(): void {
    cancelAnimationFrame(this.#drawing);
    this.#drawing = 0;
    this.#pending = [];
    this.#list.replaceChildren(...this.#shown().filter((message) => this.#visible(message)).map((message) => this.#row(message)));
    this.#notices();
  }

  #row(message: StreamMessage): HTMLElement {
    if (message.type === "connection") {
      return h("li", { class: "wb-conn" }, `Connection ${message.conn} · GET ${message.path} · ${message.status}`);
    }
    if (message.type === "closed") return h("li", { class: "wb-conn wb-conn-closed" }, `Connection ${message.conn} closed after ${seconds(message.t)}`);
    const fields = [
      h("span", { class: "wb-t" }, `+${seconds(message.t)}`),
      h("span", { class: `wb-event wb-kind-${message.kind}` }, label(message)),
      message.id === undefined ? "" : h("span", { class: "wb-field" }, `id ${message.id}`),
      message.retry === undefined ? "" : h("span", { class: "wb-field" }, `retry ${message.retry}`),
    ];
    const body = message.kind === "event" ? message.data ?? "" : message.comments.map((comment) => `: ${comment}`).join("\n");
    const row = h(
      "li",
      { class: streamError(message) === undefined ? "wb-frame" : "wb-frame wb-frame-error" },
      h("details", {}, h("summary", {}, ...fields, h("code", { class: "wb-data" }, body || "(empty)")), h("pre", { class: "wb-raw", "aria-label": "Raw text" }, message.raw)),
    );
    this.#rows.set(message, row);
    return row;
  }

  async #copy(button: HTMLButtonElement): Promise<void> {
    await navigator.clipboard.writeText(this.#shown().filter((message) => this.#visible(message)).map(asText).join(""));
    button.textContent = "Copied";
    setTimeout(() => (button.textContent = "Copy"), 1500);
  }
}
