import type { StreamSource } from "./event-stream.ts";

/**
 * An `EventStream`'s source as a stream reads it: pulled one value at a time, and
 * finished exactly once, with `return()` so its `finally` runs, unless it needs none.
 * It is its own listener for the abort that finishes it early (an `EventListener`
 * object), so reading a source makes no closure.
 */
export class SourceIterator {
  readonly iterator: AsyncIterator<unknown> | Iterator<unknown>;
  /** Set once the source needs no `return()`: it is exhausted, it threw, or it was already told to return. */
  #finished = false;

  /** `onCleanUpError` gets what a failing `return()` threw or rejected with. */
  constructor(
    source: StreamSource,
    readonly onCleanUpError: (error: unknown) => void,
  ) {
    this.iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : (source as Iterable<unknown>)[Symbol.iterator]();
  }

  /** The next step: itself for a synchronous source, a promise for an asynchronous one. */
  next(): IteratorResult<unknown> | Promise<IteratorResult<unknown>> {
    return this.iterator.next();
  }

  /** Notes that the source ended by itself (it is exhausted, or it threw): it needs no `return()`. */
  ended(): void {
    this.#finished = true;
  }

  /** Tells the source to finish, once. */
  finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    let returned: unknown;
    try {
      // A synchronous source's `return()` throws at once; it must not escape into the abort that called this.
      returned = this.iterator.return?.();
    } catch (error) {
      this.onCleanUpError(error);
      return;
    }
    Promise.resolve(returned).catch(this.onCleanUpError);
  }

  /** The stream's abort: the client left or the server is shutting down. */
  handleEvent(): void {
    this.finish();
  }
}
