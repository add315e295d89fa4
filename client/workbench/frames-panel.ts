import type { FrameMessage } from "./api.ts";
import { h } from "./dom.ts";
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

/**
 * The Event frames pane's list: every frame the live output received, grouped
 * by connection, with time since connect, event, id, retry and data (as text,
 * never as HTML), the exact raw text on demand; filter, pause, clear, copy.
 */
export class FramesPanel {
  readonly element: HTMLElement;
  readonly #list = h("ol", { class: "wb-frames", "aria-label": "Frames" });
  readonly #filter = h("select", { "aria-label": "Show events" }, h("option", { value: "" }, "All events"));
  readonly #pause = h("button", { type: "button", "aria-pressed": "false" }, "Pause");
  readonly #empty = h("p", { class: "wb-empty" }, "No frames yet. Frames appear here as the live output receives them.");
  readonly #messages: StreamMessage[] = [];
  readonly #held: StreamMessage[] = [];
  /** The row shown for each message, while it is shown. */
  readonly #rows = new WeakMap<StreamMessage, HTMLElement>();

  constructor() {
    this.#filter.addEventListener("change", () => this.#render());
    this.#pause.addEventListener("click", () => this.#togglePause());
    const clear = h("button", { type: "button", onclick: () => this.clear() }, "Clear");
    const copy = h("button", { type: "button", onclick: () => void this.#copy(copy) }, "Copy");
    this.element = h("div", { class: "wb-frames-body" }, h("div", { class: "wb-controls" }, this.#filter, this.#pause, clear, copy), this.#empty, this.#list);
  }

  /** Takes a feed message; frames wait while paused. */
  add(message: StreamMessage): void {
    if (this.#pause.getAttribute("aria-pressed") === "true") {
      this.#held.push(message);
      this.#pause.textContent = `Resume (${this.#held.length})`;
      return;
    }
    this.#show(message);
  }

  /** Empties the list, held frames included. */
  clear(): void {
    this.#messages.length = 0;
    this.#held.length = 0;
    if (this.#pause.getAttribute("aria-pressed") === "true") this.#pause.textContent = "Resume (0)";
    this.#filter.replaceChildren(this.#filter.options[0]!);
    this.#render();
  }

  #show(message: StreamMessage): void {
    this.#messages.push(message);
    if (message.type === "frame") this.#addFilterOption(label(message));
    if (this.#visible(message)) this.#list.append(this.#row(message));
    this.#empty.hidden = this.#messages.length > 0;
  }

  /** Shows `frame` (all events, if the filter hides it) opened and focused. */
  reveal(frame: FrameMessage): void {
    if (!this.#visible(frame)) {
      this.#filter.value = "";
      this.#render();
    }
    const row = this.#rows.get(frame);
    if (!row) return;
    row.querySelector("details")!.open = true;
    row.scrollIntoView({ block: "nearest" });
    row.querySelector("summary")!.focus();
  }

  #togglePause(): void {
    const paused = this.#pause.getAttribute("aria-pressed") !== "true";
    this.#pause.setAttribute("aria-pressed", String(paused));
    this.#pause.textContent = paused ? "Resume (0)" : "Pause";
    if (!paused) for (const message of this.#held.splice(0)) this.#show(message);
  }

  #addFilterOption(name: string): void {
    if ([...this.#filter.options].some((option) => option.value === name)) return;
    this.#filter.append(h("option", { value: name }, name));
  }

  #visible(message: StreamMessage): boolean {
    return message.type !== "frame" || !this.#filter.value || label(message) === this.#filter.value;
  }

  #render(): void {
    this.#list.replaceChildren(...this.#messages.filter((message) => this.#visible(message)).map((message) => this.#row(message)));
    this.#empty.hidden = this.#messages.length > 0;
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
    await navigator.clipboard.writeText(this.#messages.filter((message) => this.#visible(message)).map(asText).join(""));
    button.textContent = "Copied";
    setTimeout(() => (button.textContent = "Copy"), 1500);
  }
}
