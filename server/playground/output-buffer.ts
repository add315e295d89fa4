import type { OutputChunk } from "../../common/playground-protocol.ts";

/**
 * A process's stdout and stderr, interleaved and capped: once `limit` bytes are
 * kept, further output is counted but dropped.
 */
export class OutputBuffer {
  readonly chunks: OutputChunk[] = [];
  #kept = 0;
  /** Bytes dropped after the cap. */
  dropped = 0;

  constructor(readonly limit: number) {}

  /** Keeps what fits under the cap; returns the kept part (empty when nothing fit). */
  add(stream: OutputChunk["stream"], data: Buffer | string): string {
    const text = String(data);
    const room = this.limit - this.#kept;
    const kept = text.length <= room ? text : text.slice(0, Math.max(room, 0));
    this.dropped += text.length - kept.length;
    if (kept) {
      this.#kept += kept.length;
      this.chunks.push({ stream, text: kept });
    }
    return kept;
  }

  /** Everything kept (or what `stream` wrote), as one text, with a note when output was dropped. */
  text(stream?: OutputChunk["stream"]): string {
    const all = this.chunks
      .filter((chunk) => stream === undefined || chunk.stream === stream)
      .map((chunk) => chunk.text)
      .join("");
    return this.dropped ? `${all}\n[output capped: ${this.dropped} more bytes dropped]\n` : all;
  }
}
