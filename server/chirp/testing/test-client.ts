import { createParser } from "eventsource-parser";
import type { App } from "../app.ts";
import type { Listening } from "../listening.ts";

/** One event as a spec-compliant EventSource parser read it. */
export interface ReceivedEvent {
  data: string;
  /** The `event:` name, or undefined for the default `message`. */
  event: string | undefined;
  id: string | undefined;
  /** A `retry:` value the server sent with or just before this event. */
  retry: number | undefined;
}

/** What `sse()` saw before it stopped. */
export interface SSEResult {
  status: number;
  headers: Headers;
  events: ReceivedEvent[];
  /** How many `: heartbeat` comments arrived. */
  heartbeats: number;
  /** Every comment's text, heartbeats included. */
  comments: string[];
  /** The exact text received, up to the event that reached `maxEvents` when that stopped reading. */
  raw: string;
  /** Why reading stopped: `maxEvents` events arrived, `timeoutMs` passed, or the server ended the stream. */
  stoppedBy: "maxEvents" | "timeout" | "end";
}

/** Options of `sse()`. */
export interface SSEOptions {
  /** Stop at exactly this many events, a whole number ≥ 1 (default: read to the end or the timeout). */
  maxEvents?: number;
  /** Settle after at most this many milliseconds (default 5 000); with no response by then, `sse()` rejects. */
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/** Options of a plain request. */
export interface RequestOptions {
  headers?: Record<string, string>;
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is. */
  body?: string;
}

/** A finished plain response. */
export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  json<T = unknown>(): T;
}

/** How long `sse()` reads when no `timeoutMs` is given. */
const DEFAULT_SSE_TIMEOUT_MS = 5_000;

/** Stands for "reading was stopped" in a race with the network. */
const STOPPED = Symbol("stopped");

/** Each line with its line break (CRLF, CR or LF), and a last line without one. */
const LINES = /[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g;

/**
 * Talks to an app over real HTTP: the app listens on an ephemeral loopback port
 * the first time it is needed. Call `close()` when done.
 */
export class TestClient {
  #listening: Promise<Listening> | undefined;

  constructor(readonly app: App) {}

  /** The base URL the app listens on. */
  async url(): Promise<string> {
    this.#listening ??= this.app.listen({ host: "127.0.0.1", port: 0 });
    return (await this.#listening).url;
  }

  /** Sends a request; redirects are not followed. */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    let body = options.body;
    if (options.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.json);
    }
    const response = await fetch(new URL(path, await this.url()), { method, headers, body, redirect: "manual" });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: <T>() => JSON.parse(text) as T };
  }

  get(path: string, options: Omit<RequestOptions, "form" | "json" | "body"> = {}): Promise<TestResponse> {
    return this.request("GET", path, options);
  }

  post(path: string, options: RequestOptions = {}): Promise<TestResponse> {
    return this.request("POST", path, options);
  }

  /**
   * Opens an event stream and reads it until the first of: `maxEvents` events,
   * the server ending the stream, or `timeoutMs`. It always settles within
   * `timeoutMs` (plus a moment to close the connection); `stoppedBy` says which came first.
   */
  async sse(path: string, options: SSEOptions = {}): Promise<SSEResult> {
    const { maxEvents = Infinity, timeoutMs = DEFAULT_SSE_TIMEOUT_MS } = options;
    if (maxEvents !== Infinity && !(Number.isInteger(maxEvents) && maxEvents >= 1)) {
      throw new TypeError(`sse(${JSON.stringify(path)}): maxEvents must be a whole number of at least 1, got ${String(maxEvents)}`);
    }
    if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
      throw new TypeError(`sse(${JSON.stringify(path)}): timeoutMs must be a positive number of milliseconds, got ${String(timeoutMs)}`);
    }
    const controller = new AbortController();
    let stoppedBy: SSEResult["stoppedBy"] | undefined;
    let onStop = () => {};
    const stopped = new Promise<typeof STOPPED>((resolve) => (onStop = () => resolve(STOPPED)));
    const stop = (reason: SSEResult["stoppedBy"]) => {
      if (stoppedBy !== undefined) return;
      stoppedBy = reason;
      onStop();
      controller.abort();
    };
    const timer = setTimeout(() => stop("timeout"), timeoutMs);

    const events: ReceivedEvent[] = [];
    const comments: string[] = [];
    let retry: number | undefined;
    let raw = "";
    const parser = createParser({
      onEvent: ({ data, event, id }) => {
        events.push({ data, event, id, retry });
        retry = undefined;
        if (events.length === maxEvents) stop("maxEvents");
      },
      onRetry: (value) => (retry = value),
      onComment: (comment) => comments.push(comment.trim()),
    });
    try {
      const url = new URL(path, await this.url());
      const response = await Promise.race([fetch(url, { headers: { accept: "text/event-stream", ...options.headers }, signal: controller.signal }), stopped]);
      if (response === STOPPED) throw new Error(`sse(${JSON.stringify(path)}): no response within ${timeoutMs} ms`);
      const reader = response.body?.getReader();
      const decoder = new TextDecoder();
      while (reader && stoppedBy === undefined) {
        const chunk = await Promise.race([reader.read(), stopped]);
        if (chunk === STOPPED) break;
        if (chunk.done) break;
        // Line by line, so that nothing after the event that reaches maxEvents is kept.
        for (const line of decoder.decode(chunk.value, { stream: true }).match(LINES) ?? []) {
          raw += line;
          parser.feed(line);
          if (stoppedBy !== undefined) break;
        }
      }
      reader?.cancel().catch(() => {});
      return {
        status: response.status,
        headers: response.headers,
        events,
        heartbeats: comments.filter((comment) => comment === "heartbeat").length,
        comments,
        raw,
        stoppedBy: stoppedBy ?? "end",
      };
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  }

  /** Stops the app's server. */
  async close(): Promise<void> {
    const listening = this.#listening;
    this.#listening = undefined;
    if (listening) await (await listening).close();
  }
}
