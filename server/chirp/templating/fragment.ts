import type { TemplateContext } from "./template.ts";

/** The swap styles htmx knows (`hx-swap`, `hx-swap-oob`). */
export const SWAP_STYLES = ["innerHTML", "outerHTML", "textContent", "beforebegin", "afterbegin", "beforeend", "afterend", "delete", "none"] as const;

/** Options of a {@link Fragment}. */
export interface FragmentOptions {
  /** SSE event name and swap target (an element id); defaults to the block name. */
  target?: string;
  /** The htmx swap style: out of band in an `OOB`, and in an htmx 4 stream (its `<hx-partial>`), e.g. `outerHTML`, `innerHTML`, `beforeend`. */
  swap?: string;
}

/**
 * Intent: render only the `{% block %}` named `block` of `template`.
 * Returned from a route it is an HTML response; yielded into an `EventStream`
 * it becomes one event named after `target`, else after the block; inside an
 * `OOB` it is swapped out of band into `target` with `swap`.
 */
export class Fragment {
  readonly target: string | undefined;
  readonly swap: string | undefined;

  constructor(
    readonly template: string,
    readonly block: string,
    readonly context: TemplateContext = {},
    options: FragmentOptions = {},
  ) {
    this.target = options.target;
    if (options.swap !== undefined && !(SWAP_STYLES as readonly string[]).includes(options.swap)) {
      throw new TypeError(`Fragment("${template}", "${block}"): swap must be one of ${SWAP_STYLES.join(", ")}; got ${JSON.stringify(options.swap)}`);
    }
    this.swap = options.swap;
    Object.freeze(this);
  }

  /** The SSE event name this fragment is sent under. */
  get eventName(): string {
    return this.target ?? this.block;
  }
}
