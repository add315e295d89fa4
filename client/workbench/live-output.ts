import { h } from "./dom.ts";

/**
 * The Live output pane: the run's pages in a frame with an address bar, reload
 * and open-in-new-tab; below it the run's state, errors with the process
 * output and the console.
 */
export class LiveOutput {
  readonly element: HTMLElement;
  readonly #frame = h("iframe", { title: "Live output of the example", sandbox: "allow-scripts allow-forms allow-same-origin allow-popups" });
  readonly #path = h("input", { type: "text", value: "/", "aria-label": "Path", spellcheck: "false", disabled: true });
  readonly #open = h("a", { target: "_blank", rel: "noopener", class: "wb-open", "aria-disabled": "true" }, "Open ↗");
  readonly #reload = h("button", { type: "button", "aria-label": "Reload", title: "Reload", disabled: true }, "⟳");
  readonly #placeholder = h("div", { class: "wb-placeholder" });
  readonly #message = h("div", { class: "wb-message", role: "status", hidden: true });
  readonly #console = h("pre", { class: "wb-console" });
  readonly #consoleBox = h("details", { class: "wb-console-box" }, h("summary", {}, "Console"), this.#console);
  #base: string | undefined;

  constructor() {
    this.#path.addEventListener("keydown", (event) => {
      if (event.key === "Enter") this.#navigate();
    });
    this.#reload.addEventListener("click", () => this.#navigate());
    const bar = h("div", { class: "wb-address" }, this.#reload, this.#path, this.#open);
    this.element = h("div", { class: "wb-live-body" }, bar, h("div", { class: "wb-viewport" }, this.#frame, this.#placeholder), this.#message, this.#consoleBox);
    this.idle("Not running yet.");
  }

  /** Shows the run at `base` (its own origin), at `/`. */
  show(base: string): void {
    this.#base = base;
    this.#path.value = "/";
    this.#path.disabled = this.#reload.disabled = false;
    this.#open.removeAttribute("aria-disabled");
    this.#placeholder.hidden = true;
    this.#navigate();
  }

  /** Shows the path the frame has navigated to (the frame is another origin: the run's proxy reports it). */
  showPath(path: string): void {
    if (document.activeElement === this.#path) return;
    this.#path.value = path;
    if (this.#base) this.#open.href = new URL(path, this.#base).href;
  }

  /** No run: a line in place of the page. */
  idle(text: string): void {
    this.#base = undefined;
    this.#frame.removeAttribute("src");
    this.#frame.hidden = true;
    this.#path.disabled = this.#reload.disabled = true;
    this.#open.setAttribute("aria-disabled", "true");
    this.#open.removeAttribute("href");
    this.#placeholder.hidden = false;
    this.#placeholder.textContent = text;
  }

  /** A message about the run (it replaces the last one); `detail` (the process's error output) below it; `action` a button after it; `error` styles it as a failure. */
  say(text: string, options: { detail?: string; error?: boolean; action?: HTMLElement } = {}): void {
    this.#message.hidden = false;
    this.#message.classList.toggle("wb-error", options.error ?? false);
    const { detail, action } = options;
    this.#message.replaceChildren(h("p", {}, text), ...(action ? [action] : []), ...(detail ? [h("pre", {}, detail)] : []));
  }

  /** Hides the message and the console text. */
  reset(): void {
    this.#message.hidden = true;
    this.#console.textContent = "";
  }

  /** Appends process output to the console. */
  log(text: string): void {
    this.#console.textContent += text;
  }

  #navigate(): void {
    if (!this.#base) return;
    const path = this.#path.value.startsWith("/") ? this.#path.value : `/${this.#path.value}`;
    const url = new URL(path, this.#base).href;
    this.#open.href = url;
    this.#frame.hidden = false;
    this.#frame.src = url;
  }
}
