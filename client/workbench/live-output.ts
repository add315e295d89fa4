import { h } from "./dom.ts";

/** What a run's page may do in its frame. */
const SANDBOX = "allow-scripts allow-forms allow-same-origin allow-popups";

/** Navigates `frame` to a blank page and resolves once it has loaded (a page of another origin has no `contentDocument`). */
function blank(frame: HTMLIFrameElement): Promise<void> {
  return new Promise((resolve) => {
    const loaded = () => {
      if (frame.contentDocument?.URL !== "about:blank") return;
      frame.removeEventListener("load", loaded);
      resolve();
    };
    frame.addEventListener("load", loaded);
    frame.src = "about:blank";
  });
}

/**
 * The Live output pane: the run's pages in a frame with an address bar, reload,
 * open-in-new-tab and "2 clients" (a second frame of the same run beside the
 * first, to watch one client's action reach another); below it the run's state,
 * errors with the process output and the console.
 */
export class LiveOutput {
  readonly element: HTMLElement;
  readonly #frame = h("iframe", { title: "Live output of the example", sandbox: SANDBOX });
  /** The second client, while "2 clients" is pressed. */
  #second: HTMLIFrameElement | undefined;
  readonly #pair = h("button", { type: "button", "aria-pressed": "false", title: "Show a second client of the same run beside the first", disabled: true }, "2 clients");
  readonly #viewport = h("div", { class: "wb-viewport" }, this.#frame);
  readonly #path = h("input", { type: "text", value: "/", "aria-label": "Path", spellcheck: "false", disabled: true });
  readonly #open = h("a", { target: "_blank", rel: "noopener", class: "wb-open", "aria-disabled": "true" }, "Open ↗");
  readonly #reload = h("button", { type: "button", "aria-label": "Reload", title: "Reload", disabled: true }, "⟳");
  readonly #placeholder = h("div", { class: "wb-placeholder" });
  /** Focusable: a long message scrolls in place, and keyboard users scroll it too. */
  readonly #message = h("div", { class: "wb-message", role: "status", tabindex: "0", hidden: true });
  readonly #console = h("pre", { class: "wb-console" });
  readonly #consoleBox = h("details", { class: "wb-console-box" }, h("summary", {}, "Console"), this.#console);
  #base: string | undefined;

  constructor() {
    this.#path.addEventListener("keydown", (event) => {
      if (event.key === "Enter") this.#navigate();
    });
    this.#reload.addEventListener("click", () => this.#navigate());
    this.#pair.addEventListener("click", () => {
      const paired = !this.#second;
      this.#pair.setAttribute("aria-pressed", String(paired));
      this.#viewport.classList.toggle("wb-pair", paired);
      this.#second?.remove();
      this.#second = paired ? h("iframe", { title: "Live output, second client", sandbox: SANDBOX }) : undefined;
      const url = this.#url();
      if (this.#second) this.#frame.after(this.#second);
      if (this.#second && url) this.#second.src = url;
    });
    // Focus inside a frame of another origin does not match :focus-within: the viewport is marked while a frame holds it.
    addEventListener("blur", () => setTimeout(() => this.#viewport.classList.toggle("wb-focused", this.#viewport.contains(document.activeElement))));
    addEventListener("focus", () => this.#viewport.classList.remove("wb-focused"));
    this.#viewport.append(this.#placeholder);
    const bar = h("div", { class: "wb-address" }, this.#reload, this.#path, this.#pair, this.#open);
    this.element = h("div", { class: "wb-live-body" }, bar, this.#viewport, this.#message, this.#consoleBox);
    this.idle("Not running yet.");
  }

  /** Shows the run at `base` (its own origin), at `/`. */
  show(base: string): void {
    this.#base = base;
    delete this.element.dataset.idle;
    this.#path.value = "/";
    this.#path.disabled = this.#reload.disabled = this.#pair.disabled = false;
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

  /**
   * Unloads the run's pages (the frames go to a blank page of this origin) and
   * resolves once they are gone: a run ended after that fails no request of
   * theirs, so no error shows in a frame or in the console.
   */
  async unload(): Promise<void> {
    const frames = [this.#frame, this.#second].filter((frame) => frame?.hasAttribute("src")) as HTMLIFrameElement[];
    await Promise.all(frames.map(blank));
  }

  /** No run: a line in place of the page. */
  idle(text: string): void {
    this.#base = undefined;
    this.element.dataset.idle = "";
    for (const frame of [this.#frame, this.#second]) {
      frame?.removeAttribute("src");
      if (frame) frame.hidden = true;
    }
    this.#path.disabled = this.#reload.disabled = this.#pair.disabled = true;
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

  /** The URL the address bar names, on the run's origin; undefined when nothing runs. */
  #url(): string | undefined {
    if (!this.#base) return undefined;
    const path = this.#path.value.startsWith("/") ? this.#path.value : `/${this.#path.value}`;
    return new URL(path, this.#base).href;
  }

  #navigate(): void {
    const url = this.#url();
    if (!url) return;
    this.#open.href = url;
    this.#frame.hidden = false;
    this.#frame.src = url;
    if (this.#second) {
      this.#second.hidden = false;
      this.#second.src = url;
    }
  }
}
