import { h } from "./dom.ts";

/** How long new frames are counted before they are announced together. */
const QUIET_MS = 1500;

/**
 * A polite live region that tells screen-reader users how many frames arrived:
 * frames are counted and announced together once QUIET_MS has passed since the
 * last announcement, so a flood is one sentence, not one per frame.
 */
export class FrameAnnouncer {
  readonly element = h("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  #pending = 0;
  #total = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Counts one frame; `total` is how many the pane now lists. */
  frame(total: number): void {
    this.#pending++;
    this.#total = total;
    this.#timer ??= setTimeout(() => {
      this.element.textContent = `${this.#pending} new ${this.#pending === 1 ? "frame" : "frames"}, ${this.#total} in all.`;
      this.#pending = 0;
      this.#timer = undefined;
    }, QUIET_MS);
  }

  /** Forgets what was not announced yet (the list was cleared). */
  reset(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = 0;
    this.element.textContent = "";
  }
}
