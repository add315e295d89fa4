/** Status and headers for a {@link Reply}. */
export interface ReplyInit {
  status?: number;
  headers?: Record<string, string>;
}

/**
 * Intent: answer with `body` (anything a handler may return) under another status
 * or with extra headers, e.g. `new Reply(new Template("gone.html"), { status: 410 })`.
 */
export class Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly body: unknown,
    init: ReplyInit = {},
  ) {
    this.status = init.status ?? 200;
    if (!(Number.isInteger(this.status) && this.status >= 100 && this.status <= 599)) {
      throw new RangeError(`Reply status must be an integer from 100 to 599, got ${String(init.status)}`);
    }
    this.headers = init.headers ?? {};
    Object.freeze(this);
  }
}

/**
 * Intent: send the browser to `location` (302 by default; 303 after a POST).
 * For an htmx request it also sets `HX-Redirect`, so htmx navigates instead of swapping the target page in.
 */
export class Redirect {
  constructor(
    readonly location: string,
    readonly status: 301 | 302 | 303 | 307 | 308 = 302,
  ) {
    Object.freeze(this);
  }
}
