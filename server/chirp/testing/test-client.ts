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
  /** The exact text received. */
  raw: string;
  /** Why reading stopped. */
  stoppedBy: "maxEvents" | "timeout" | "end";
}

/** Options of `sse()`. */
export interface SSEOptions {
  /** Stop after this many events (default: read to the end or the timeout). */
  maxEvents?: number;
  /** Stop after this many milliseconds (default 5 000). */
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

  /** Opens an event stream and reads it until `maxEvents`, `timeoutMs` or its end. */
  async sse(path: string, options: SSEOptions = {}): Promise<SSEResult> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 5_000);
    const events: ReceivedEvent[] = [];
    const comments: string[] = [];
    let retry: number | undefined;
    let raw = "";
    let stoppedBy: SSEResult["stoppedBy"] = "end";
    const parser = createParser({
      onEvent: ({ data, event, id }) => {
        events.push({ data, event, id, retry });
        retry = undefined;
        if (events.length === options.maxEvents) {
          stoppedBy = "maxEvents";
          controller.abort();
        }
      },
      onRetry: (value) => (retry = value),
      onComment: (comment) => comments.push(comment.trim()),
    });
    try {
      const response = await fetch(new URL(path, await this.url()), {
        headers: { accept: "text/event-stream", ...options.headers },
        signal: controller.signal,
      });
      const decoder = new TextDecoder();
      const reader = response.body?.getReader();
      try {
        for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
          const text = decoder.decode(chunk.value, { stream: true });
          raw += text;
          parser.feed(text);
        }
      } catch (error) {
        if (!controller.signal.aborted) throw error;
        if (stoppedBy === "end") stoppedBy = "timeout";
      }
      return {
        status: response.status,
        headers: response.headers,
        events,
        heartbeats: comments.filter((comment) => comment === "heartbeat").length,
        comments,
        raw,
        stoppedBy,
      };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops the app's server. */
  async close(): Promise<void> {
    const listening = this.#listening;
    this.#listening = undefined;
    if (listening) await (await listening).close();
  }
}
