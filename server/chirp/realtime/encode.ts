import type { SSEEvent } from "./sse-event.ts";

const LINE_BREAKS = /\r\n|\r|\n/g;

/** `text` as lines that each start with `prefix`, every line ended with LF; CRLF, CR and LF all end a line. */
function prefixLines(prefix: string, text: string): string {
  const oneLine = text.indexOf("\n") === -1 && text.indexOf("\r") === -1;
  return oneLine ? `${prefix}${text}\n` : `${prefix}${text.replace(LINE_BREAKS, `\n${prefix}`)}\n`;
}

/** The wire text of one event, ending with the blank line that dispatches it. */
export function encodeEvent(event: SSEEvent): string {
  let text = "";
  if (event.event !== undefined) text += `event: ${event.event}\n`;
  if (event.id !== undefined) text += `id: ${event.id}\n`;
  if (event.retry !== undefined) text += `retry: ${event.retry}\n`;
  return `${text}${prefixLines("data: ", event.data)}\n`;
}

/** The wire text of a comment: ignored by clients, keeps proxies from closing an idle stream. */
export function encodeComment(comment: string): string {
  return `${prefixLines(": ", comment)}\n`;
}
