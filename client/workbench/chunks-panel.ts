import type { FeedMessage } from "./api.ts";
import { h } from "./dom.ts";

type ChunkMessage = Extract<FeedMessage, { type: "document" | "chunk" }>;

/** `1503` → `+1.503 s`. */
function since(ms: number): string {
  return `+${(ms / 1000).toFixed(3)} s`;
}

function describeBytes(bytes: number): string {
  return `${bytes.toLocaleString("en")} byte${bytes === 1 ? "" : "s"}`;
}

/**
 * The Response chunks pane's list: each piece of the live output's page as it
 * arrived, with its time since the response began, its size and its HTML (as
 * text, never rendered); a page streamed in parts (a `Suspense`) shows each part.
 */
export class ChunksPanel {
  readonly element: HTMLElement;
  readonly #list = h("ol", { class: "wb-frames", "aria-label": "Chunks" });
  readonly #empty = h("p", { class: "wb-empty" }, "No chunks yet. The page's response appears here piece by piece as it arrives.");
  readonly #messages: ChunkMessage[] = [];

  constructor() {
    const clear = h("button", { type: "button", onclick: () => this.clear() }, "Clear");
    const copy = h("button", { type: "button", onclick: () => void this.#copy(copy) }, "Copy");
    this.element = h("div", { class: "wb-frames-body" }, h("div", { class: "wb-controls" }, clear, copy), this.#empty, this.#list);
  }

  /** Takes a feed message about a page and its chunks. */
  add(message: ChunkMessage): void {
    this.#messages.push(message);
    this.#list.append(this.#row(message));
    this.#empty.hidden = true;
  }

  /** Empties the list. */
  clear(): void {
    this.#messages.length = 0;
    this.#list.replaceChildren();
    this.#empty.hidden = false;
  }

  #row(message: ChunkMessage): HTMLElement {
    if (message.type === "document") return h("li", { class: "wb-conn" }, `Page ${message.doc} · GET ${message.path} · ${message.status}`);
    return h(
      "li",
      { class: "wb-frame wb-chunk" },
      h(
        "details",
        {},
        h("summary", {}, h("span", { class: "wb-t" }, since(message.t)), h("span", { class: "wb-field" }, describeBytes(message.bytes)), h("code", { class: "wb-data wb-chunk-preview" }, message.html.trim() || "(whitespace)")),
        h("pre", { class: "wb-raw", "aria-label": "HTML of the chunk" }, message.html),
      ),
    );
  }

  async #copy(button: HTMLButtonElement): Promise<void> {
    const text = this.#messages.map((message) => (message.type === "document" ? `# page ${message.doc}: GET ${message.path} → ${message.status}\n` : `# ${since(message.t)}, ${describeBytes(message.bytes)}\n${message.html}\n`));
    await navigator.clipboard.writeText(text.join(""));
    button.textContent = "Copied";
    setTimeout(() => (button.textContent = "Copy"), 1500);
  }
}
