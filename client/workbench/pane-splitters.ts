import { h } from "./dom.ts";

/** How far an arrow key moves a splitter, in pixels. */
const STEP_PX = 24;
/** The narrowest a pane may become, in pixels. */
const MIN_PX = 160;

/**
 * Puts a draggable splitter (`role="separator"`, arrow keys too) between each
 * pair of `panes`, which sit side by side in the `grid` element. Widths are set
 * as pixel columns on the grid; splitters are hidden when the panes stack.
 */
export function addPaneSplitters(grid: HTMLElement, panes: HTMLElement[], names: string[]): void {
  const widths = () => panes.map((pane) => pane.getBoundingClientRect().width);
  const apply = (next: number[]) => {
    grid.style.setProperty("--wb-columns", next.map((width) => `minmax(0, ${width}fr)`).join(" 8px "));
  };
  /** The splitter's value: the left pane's share of the two, in percent (50 while the panes are stacked). */
  const describe = (index: number, splitter: HTMLElement, current = widths()) => {
    const pair = current[index]! + current[index + 1]!;
    splitter.setAttribute("aria-valuenow", String(pair > 0 ? Math.round((100 * current[index]!) / pair) : 50));
  };
  const move = (index: number, by: number, splitter: HTMLElement) => {
    const current = widths();
    const left = current[index]!;
    const right = current[index + 1]!;
    const delta = Math.max(MIN_PX - left, Math.min(by, right - MIN_PX));
    current[index] = left + delta;
    current[index + 1] = right - delta;
    apply(current);
    describe(index, splitter, current);
  };
  panes.slice(1).forEach((pane, offset) => {
    const splitter = h("div", {
      class: "wb-splitter",
      role: "separator",
      tabindex: "0",
      "aria-orientation": "vertical",
      "aria-label": `Resize ${names[offset]} and ${names[offset + 1]}`,
      "aria-valuemin": "0",
      "aria-valuemax": "100",
    });
    let last: number | undefined;
    splitter.addEventListener("pointerdown", (event) => {
      last = event.clientX;
      splitter.setPointerCapture(event.pointerId);
    });
    splitter.addEventListener("pointermove", (event) => {
      if (last === undefined) return;
      move(offset, event.clientX - last, splitter);
      last = event.clientX;
    });
    splitter.addEventListener("pointerup", () => (last = undefined));
    splitter.addEventListener("keydown", (event) => {
      const by = event.key === "ArrowLeft" ? -STEP_PX : event.key === "ArrowRight" ? STEP_PX : 0;
      if (!by) return;
      event.preventDefault();
      move(offset, by, splitter);
    });
    pane.before(splitter);
    describe(offset, splitter);
    // The real share once the grid is laid out.
    requestAnimationFrame(() => describe(offset, splitter));
  });
}
