import type { SSEEvent } from "./sse-event.ts";

const LINE_BREAK = /\r\n|\r|\n/;

/** The wire text of one event, ending with the blank line that dispatches it. */
export function encodeEvent(event: SSEEvent): string {
  let text = "";
  if (event.event !== undefined) text += `event: ${event.event}\n`;
  if (event.id !== undefined) text += `id: ${event.id}\n`;
  if (event.retry !== undefined) text += `retry: ${event.retry}\n`;
  for (const line of event.data.split(LINE_BREAK)) text += `data: ${line}\n`;
  return `${text}\n`;
}

/** The wire text of a comment: ignored by clients, keeps proxies from closing an idle stream. */
export function encodeComment(comment: string): string {
  return comment
    .split(LINE_BREAK)
    .map((line) => `: ${line}\n`)
    .join("")
    .concat("\n");
}
