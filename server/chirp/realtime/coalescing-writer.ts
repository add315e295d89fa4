import type { ServerResponse } from "node:http";

/** Buffered text is written at once when it grows past this many characters. */
export const FLUSH_AT = 16 * 1024;

/**
 * Gathers the text of events that are ready one after another into one write:
 * what is pushed without the source waiting in between goes out together, on the
 * next tick, or at once when it grows past {@link FLUSH_AT}. A lone event therefore
 * leaves as soon as the code that pushed it waits for anything.
 */
export class CoalescingWriter {
  #buffer = "";
  #scheduled = false;

  /** `onWrite` runs before each write, e.g. to put off a heartbeat; `onFull` after a write the socket could not take at once. */
  constructor(
    readonly response: ServerResponse,
    readonly onWrite: () => void = () => {},
    readonly onFull: () => void = () => {},
  ) {}

  /** Whether text is waiting to be written. */
  get buffered(): boolean {
    return this.#buffer !== "";
  }

  /** Adds `text` to the next write. */
  push(text: string): void {
    this.#buffer += text;
    if (this.#buffer.length >= FLUSH_AT) this.flush();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      process.nextTick(CoalescingWriter.#flushScheduled, this);
    }
  }

  /** Writes what is buffered now. */
  flush(): void {
    if (this.#buffer === "") return;
    const text = this.#buffer;
    this.#buffer = "";
    if (this.response.destroyed) return;
    this.onWrite();
    if (!this.response.write(text)) this.onFull();
  }

  /** Ends the response, with what is buffered as its last write. */
  end(): void {
    const text = this.#buffer;
    this.#buffer = "";
    if (this.response.writableEnded || this.response.destroyed) return;
    if (text !== "") this.onWrite();
    this.response.end(text);
  }

  /** Drops what is buffered: nobody will read it. */
  discard(): void {
    this.#buffer = "";
  }

  /** The flush a push scheduled: one function for every writer, so a writer makes no closure of its own. */
  static #flushScheduled(writer: CoalescingWriter): void {
    writer.#scheduled = false;
    writer.flush();
  }
}
