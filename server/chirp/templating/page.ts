import type { IncomingHttpHeaders } from "node:http";
import type { TemplateContext } from "./template.ts";

/** Options of a {@link Page}. */
export interface PageOptions {
  /** The block a boosted navigation (`HX-Boosted`) gets; without it, boosted links get the whole page. */
  pageBlock?: string;
}

/** The request headers a `Page`'s answer depends on, for the `Vary` header. */
export const PAGE_VARY = ["HX-Request", "HX-Boosted", "HX-History-Restore-Request"] as const;

/**
 * Intent: one route for a browser and for htmx. A normal navigation and an htmx
 * history restore get the whole `template`; an htmx request gets only `block`;
 * a boosted navigation gets `pageBlock` when one is given. The answer carries
 * `Vary: HX-Request, HX-Boosted, HX-History-Restore-Request`.
 */
export class Page {
  readonly pageBlock: string | undefined;

  constructor(
    readonly template: string,
    readonly block: string,
    readonly context: TemplateContext = {},
    options: PageOptions = {},
  ) {
    this.pageBlock = options.pageBlock;
    Object.freeze(this);
  }

  /** The block a request with these headers gets, or undefined for the whole template. */
  blockFor(headers: IncomingHttpHeaders): string | undefined {
    if (headers["hx-request"] !== "true" || headers["hx-history-restore-request"] === "true") return undefined;
    if (headers["hx-boosted"] === "true") return this.pageBlock;
    return this.block;
  }
}
