import type { TemplateContext } from "./template.ts";

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === "object" || typeof value === "function") && value !== null && typeof (value as { then?: unknown }).then === "function";
}

/**
 * Intent: show the page at once and fill in what is slow. Context values that
 * are promises are deferred: the whole `template` is sent first with those keys
 * undefined (the template shows placeholders), then every block that reads a
 * deferred key is rendered again once its promises settle and streamed in the
 * same response, in the order they settle. A rejected promise leaves its key
 * undefined and sets `failed.<key>` to a message, for the block's error state.
 */
export class Suspense {
  /** The context without its promises. */
  readonly values: Readonly<TemplateContext>;
  /** The promises of the context, by key. */
  readonly deferred: ReadonlyMap<string, PromiseLike<unknown>>;

  constructor(
    readonly template: string,
    readonly context: TemplateContext = {},
  ) {
    const values: TemplateContext = {};
    const deferred = new Map<string, PromiseLike<unknown>>();
    for (const [key, value] of Object.entries(context)) {
      if (!isThenable(value)) values[key] = value;
      else {
        deferred.set(key, value);
        // Handled from the start: a rejection is shown in the page, never an unhandled rejection.
        Promise.resolve(value).catch(() => {});
      }
    }
    this.values = Object.freeze(values);
    this.deferred = deferred;
    Object.freeze(this);
  }
}
