import type { FeedMessage, FrameMessage } from "./api.ts";

/** The feed messages about the run's event streams. */
export type StreamMessage = Extract<FeedMessage, { type: "connection" | "frame" | "closed" }>;

/** How the toolbar's status is drawn. */
export type StatusState = "idle" | "busy" | "running" | "error";

/**
 * The message of a frame that reports a failure, else undefined: an `error` event
 * (a stream whose source threw), or a debug error block sent in place of a value
 * that failed to render (`data-chirp-error`), read as text.
 */
export function streamError(frame: FrameMessage): string | undefined {
  if (frame.kind !== "event") return undefined;
  const data = frame.data ?? "";
  const block = data.includes("data-chirp-error");
  if (frame.event !== "error" && !block) return undefined;
  if (!block) return data || "(no message)";
  const html = new DOMParser().parseFromString(data, "text/html");
  return [html.querySelector("strong")?.textContent, html.querySelector("pre")?.textContent].filter(Boolean).join(": ");
}

const times = (n: number) => `reconnected ${n}×`;

/**
 * Says what a running example's streams are doing, from its feed: Running, then
 * Reconnecting (n) when the page opens a stream of a path again, Stream ended when
 * no stream is left open, Stream error from the first error frame on. The first
 * error frame goes to `onError` once; the replays that follow only count.
 */
export class RunStatus {
  readonly #paths = new Map<number, string>();
  readonly #open = new Set<number>();
  #reconnects = 0;
  #failed = false;

  constructor(
    readonly show: (text: string, state: StatusState) => void,
    readonly onError: (frame: FrameMessage, message: string, path: string) => void,
  ) {}

  /** A new run is serving: forgets the previous one's streams. */
  started(): void {
    this.#paths.clear();
    this.#open.clear();
    this.#reconnects = 0;
    this.#failed = false;
    this.show("Running", "running");
  }

  take(message: StreamMessage): void {
    if (message.type === "connection") {
      if ([...this.#paths.values()].includes(message.path)) this.#reconnects++;
      this.#paths.set(message.conn, message.path);
      this.#open.add(message.conn);
    } else if (message.type === "closed") {
      this.#open.delete(message.conn);
    } else {
      const error = this.#failed ? undefined : streamError(message);
      if (error !== undefined) {
        this.#failed = true;
        this.onError(message, error, this.#paths.get(message.conn) ?? "");
      }
    }
    this.#render();
  }

  #render(): void {
    const again = this.#reconnects ? ` · ${times(this.#reconnects)}` : "";
    if (this.#failed) return this.show(`Stream error${again}`, "error");
    if (!this.#open.size) return this.show(`Stream ended${again}`, "idle");
    if (this.#reconnects) return this.show(`Reconnecting (${this.#reconnects})`, "busy");
    this.show("Running", "running");
  }
}
