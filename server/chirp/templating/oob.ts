import { Fragment } from "./fragment.ts";
import type { Page } from "./page.ts";
import type { Template } from "./template.ts";

/** What an {@link OOB} response leads with: swapped into the request's own target as usual. */
export type OOBMain = Fragment | Page | Template | string;

/**
 * Intent: one HTML response that updates several places. `main` is swapped into
 * the request's target as usual; each of `more` is rendered and its root element
 * marked `hx-swap-oob`: `"<swap>:#<target>"` when the fragment has a `target`,
 * else `"<swap>"` (default `true`, i.e. outerHTML) on the element's own id.
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

/** The `hx-swap-oob` value for an out-of-band fragment. */
export function swapOobValue(fragment: Fragment): string {
  if (fragment.target !== undefined) return `${fragment.swap ?? "outerHTML"}:#${fragment.target}`;
  return fragment.swap ?? "true";
}
