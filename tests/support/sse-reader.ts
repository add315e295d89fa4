import { createParser } from "eventsource-parser";

/** One event as a reader saw it. */
export interface ReadEvent {
  event: string;
  data: string;
  id: string | undefined;
}

/**
 * A stream read with `fetch` the way EventSource reads it, but which also counts
 * heartbeat comments and lets a test cut it and reconnect with any Last-Event-ID.
 */
export class SSEReader {
  readonly events: ReadEvent[] = [];
  /** The response's headers. */
  headers = new Headers();
  heartbeats = 0;
  /** Set when the response body ended or failed. */
  ended = false;
  readonly #abort = new AbortController();

  private constructor() {}

  /** Opens `url`, sending `lastEventId` when given; resolves once the response headers are in. */
  static async open(url: string, lastEventId?: string): Promise<SSEReader> {
    const reader = new SSEReader();
    const response = await fetch(url, { headers: lastEventId ? { "last-event-id": lastEventId } : {}, signal: reader.#abort.signal });
    if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status}`);
    reader.headers = response.headers;
    const parser = createParser({
      onEvent: (event) => reader.events.push({ event: event.event ?? "message", data: event.data, id: event.id }),
      onComment: (comment) => {
        if (comment.trim() === "heartbeat") reader.heartbeats += 1;
      },
    });
    void (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }));
      } catch {
        // cut by close() or by the server: `ended` says so
      }
      reader.ended = true;
    })();
    return reader;
  }

  /** The data of the events named `name`, in order. */
  data(name = "message"): string[] {
    return this.events.filter((event) => event.event === name).map((event) => event.data);
  }

  /** The id of the last event that had one. */
  get lastEventId(): string | undefined {
    return this.events.findLast((event) => event.id)?.id;
  }

  close(): void {
    this.#abort.abort();
  }
}
