import type { TemplateContext } from "./template.ts";

/** Options of a {@link Fragment}. */
export interface FragmentOptions {
  /** SSE event name (and intended swap target); defaults to the block name. */
  target?: string;
}

/**
 * Intent: render only the `{% block %}` named `block` of `template`.
 * Returned from a route it is an HTML response; yielded into an `EventStream`
 * it becomes one event named after `target`, else after the block.
 */
export class Fragment {
  readonly target: string | undefined;

  constructor(
    readonly template: string,
    readonly block: string,
    readonly context: TemplateContext = {},
    options: FragmentOptions = {},
  ) {
    this.target = options.target;
    Object.freeze(this);
  }

  /** The SSE event name this fragment is sent under. */
  get eventName(): string {
    return this.target ?? this.block;
  }
}
