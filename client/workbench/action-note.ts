import { h } from "./dom.ts";

/** How long a note shows at the least. */
const SHOWN_MS = 6000;

/**
 * What pressing a toolbar button did ("Link copied: …"), in a note that floats
 * under the button, in a polite live region of its own: the run's status beside
 * Run never overwrites it, and showing it moves nothing (it is shifted left as far
 * as it must to stay inside the workbench). It stays SHOWN_MS, and
 * longer while its button has the focus or the pointer; Escape hides it.
 */
export class ActionNote {
  /** The button and its note, to place in the toolbar. */
  readonly element: HTMLElement;
  readonly #note = h("span", { class: "wb-action-note", role: "status", "aria-live": "polite" });
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(button: HTMLButtonElement) {
    this.element = h("span", { class: "wb-noted" }, button, this.#note);
    this.element.addEventListener("focusout", () => this.#hideUnlessHeld());
    this.element.addEventListener("pointerleave", () => this.#hideUnlessHeld());
    this.element.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && this.#note.dataset.visible !== undefined) this.#hide();
    });
    addEventListener("resize", () => this.#note.dataset.visible !== undefined && this.#place());
  }

  /** Shows `text` under the button and announces it. */
  say(text: string): void {
    this.#note.textContent = text;
    this.#note.dataset.visible = "";
    this.#place();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#hideUnlessHeld();
    }, SHOWN_MS);
  }

  /** Under the button's left edge, or as far left as it must be to end inside the workbench. */
  #place(): void {
    this.#note.style.left = "0";
    const bounds = (this.element.closest(".wb") ?? document.documentElement).getBoundingClientRect();
    const note = this.#note.getBoundingClientRect();
    const over = note.right - bounds.right;
    if (over > 0) this.#note.style.left = `${-Math.min(over, note.left - bounds.left)}px`;
  }

  #hideUnlessHeld(): void {
    if (this.#timer === undefined && !this.element.matches(":hover, :focus-within")) this.#hide();
  }

  #hide(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    delete this.#note.dataset.visible;
  }
}
