/**
 * When a request ends early: its client left or the server is shutting down.
 * The `AbortSignal` is made only when a handler asks for it, as most never do.
 */
export class RequestLifetime {
  #controller: AbortController | undefined;
  #reason: Error | undefined;

  /** Fires when the request is cut short; already aborted if that happened before it was asked for. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#reason) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** Cuts the request short; only the first reason counts. */
  end(reason: Error): void {
    if (this.#reason) return;
    this.#reason = reason;
    this.#controller?.abort(reason);
  }
}
