import type { StreamMessage } from "./run-status.ts";

/** The frames as JSON: one object per connection, frame and close, as the feed sent them. */
export function framesAsJson(messages: readonly StreamMessage[]): string {
  return `${JSON.stringify(messages, null, 2)}\n`;
}

/**
 * The frames as raw Server-Sent Events text, exactly as they crossed the wire,
 * each connection's start and end marked by an SSE comment block (which any
 * EventSource ignores), so the file reads back as a valid stream.
 */
export function framesAsSse(messages: readonly StreamMessage[]): string {
  return messages
    .map((message) => {
      if (message.type === "connection") return `: connection ${message.conn}: GET ${message.path} → ${message.status}\n\n`;
      if (message.type === "closed") return `: connection ${message.conn} closed after ${message.t} ms\n\n`;
      return message.raw;
    })
    .join("");
}

/** Has the browser save `text` as a file named `name`. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
