import { Fragment } from "./fragment.ts";
import type { Page } from "./page.ts";
import type { Template } from "./template.ts";

/** What an {@link OOB} response leads with: swapped into the request's own target as usual. */
export type OOBMain = Fragment | Page | Template | string;

/**
 * Intent: one HTML response that updates several places. `main` is swapped into
 * the request's target as usual; each of `more` is rendered and marked
 * `hx-swap-oob`: with a `target`, the whole block lands at `#target` the way its
 * `swap` (default `outerHTML`) says; without one, the block's root element
 * replaces the element with its own id (or, with a `swap`, fills it).
 */
export class OOB {
  readonly more: readonly Fragment[];

  constructor(
    readonly main: OOBMain,
    ...more: Fragment[]
  ) {
    for (const [index, fragment] of more.entries()) {
      if (!(fragment instanceof Fragment)) throw new TypeError(`OOB: out-of-band value ${index + 1} must be a Fragment`);
    }
    this.more = Object.freeze(more);
    Object.freeze(this);
  }
}
