import type { TemplateContext } from "./template.ts";

/** Options of a {@link ValidationError}. */
export interface ValidationErrorOptions {
  /** A 4xx status; default 422 Unprocessable Content. */
  status?: number;
}

/**
 * Intent: the submitted form was not acceptable; show it again with its errors.
 * Answers 422 (or `status`) like a `Page`: an htmx request gets `block` alone
 * (the form, re-rendered with `context`'s errors and values) to swap in place,
 * a plain form post gets the whole `template`, so the form works without JavaScript.
 * htmx 2 swaps a 422 only when `htmx.config.responseHandling` says so.
 */
export class ValidationError {
  readonly status: number;

  constructor(
    readonly template: string,
    readonly block: string,
    readonly context: TemplateContext = {},
    options: ValidationErrorOptions = {},
  ) {
    this.status = options.status ?? 422;
    if (!(Number.isInteger(this.status) && this.status >= 400 && this.status <= 499)) {
      throw new RangeError(`ValidationError status must be a 4xx integer, got ${String(options.status)}`);
    }
    Object.freeze(this);
  }
}
