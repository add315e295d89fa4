import type { Frame } from "../../common/playground-protocol.ts";

const LINE = /\r\n|\r|\n/;

/** Reads the fields of one block the way an EventSource does. */
export function parseFrame(raw: string): Frame {
  const frame: Frame = { raw, kind: "field", comments: [] };
  const data: string[] = [];
  for (const line of raw.split(LINE)) {
    if (line === "") continue;
    if (line.startsWith(":")) {
      frame.comments.push(line.slice(1).replace(/^ /, ""));
      continue;
    }
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "data") data.push(value);
    else if (field === "event") frame.event = value;
    else if (field === "id") frame.id = value;
    else if (field === "retry" && /^\d+$/.test(value)) frame.retry = Number(value);
  }
  if (data.length) {
    frame.kind = "event";
    frame.data = data.join("\n");
    frame.event ||= "message";
  } else if (frame.comments.length && frame.event === undefined && frame.id === undefined && frame.retry === undefined) {
    frame.kind = "comment";
  }
  return frame;
}

/**
 * Cuts an event stream into blocks as chunks arrive: a block ends at a blank line
 * (CRLF, LF or CR line endings). `push` returns the blocks completed by a chunk.
 */
export class FrameSplitter {
  #pending = "";

  push(chunk: string): Frame[] {
    this.#pending += chunk;
    const frames: Frame[] = [];
    // A trailing CR may be the first half of a CRLF: keep it until the next chunk.
    const end = /(\r\n|\r(?!\n|$)|\n)(\r\n|\r(?!\n|$)|\n)/g;
    let start = 0;
    for (let match = end.exec(this.#pending); match; match = end.exec(this.#pending)) {
      frames.push(parseFrame(this.#pending.slice(start, match.index + match[0].length)));
      start = match.index + match[0].length;
    }
    this.#pending = this.#pending.slice(start);
    return frames;
  }

  /** What arrived after the last complete block. */
  get rest(): string {
    return this.#pending;
  }
}
