import type { IncomingMessage } from "node:http";
import { parseForm, parseJson, readBody } from "./body.ts";
import type { RequestLifetime } from "./request-lifetime.ts";

/** A parsed query string: repeated keys become arrays. */
export type Query = Record<string, string | string[]>;

/** What a handler gets: the request, read-only, with helpers for htmx and SSE. */
export class ChirpRequest {
  /** Path parameters from the route pattern, e.g. `{ id: "7" }` for `/items/:id`. */
  readonly params: Readonly<Record<string, string>>;
  readonly headers: IncomingMessage["headers"];
  readonly method: string;
  /** The path without the query string. */
  readonly path: string;
  /** The Node request underneath, for what this class does not cover. */
  readonly raw: IncomingMessage;
  readonly #maxBodyBytes: number;
  readonly #lifetime: RequestLifetime;
  #body: Promise<Buffer> | undefined;
  #query: Query | undefined;

  constructor(raw: IncomingMessage, init: { params: Record<string, string>; path: string; lifetime: RequestLifetime; maxBodyBytes: number }) {
    this.raw = raw;
    this.params = init.params;
    this.path = init.path;
    this.#lifetime = init.lifetime;
    this.method = raw.method ?? "GET";
    this.headers = raw.headers;
    this.#maxBodyBytes = init.maxBodyBytes;
  }

  /** Fires when the client goes away or the server shuts down: pass it to anything that waits. */
  get signal(): AbortSignal {
    return this.#lifetime.signal;
  }

  /** The query string's parameters; a repeated key gives an array. */
  get query(): Readonly<Query> {
    this.#query ??= parseQuery(this.raw.url ?? "");
    return this.#query;
  }

  /** The `Last-Event-ID` header an EventSource sends when it reconnects. */
  get lastEventId(): string | undefined {
    const value = this.headers["last-event-id"];
    return typeof value === "string" ? value : undefined;
  }

  /** True when htmx sent the request (`HX-Request: true`). */
  get isHtmx(): boolean {
    return this.headers["hx-request"] === "true";
  }

  /** The id of the element htmx will swap into (`HX-Target`), if any. */
  get htmxTarget(): string | undefined {
    const value = this.headers["hx-target"];
    return typeof value === "string" ? value : undefined;
  }

  /** The body as URL-encoded form fields. */
  async form(): Promise<URLSearchParams> {
    return parseForm(await this.#readBody(), this.headers["content-type"]);
  }

  /** The body parsed as JSON. */
  async json<T = unknown>(): Promise<T> {
    return parseJson(await this.#readBody()) as T;
  }

  /** The raw body bytes. */
  async body(): Promise<Buffer> {
    return this.#readBody();
  }

  #readBody(): Promise<Buffer> {
    this.#body ??= readBody(this.raw, this.#maxBodyBytes);
    return this.#body;
  }
}

function parseQuery(url: string): Query {
  const query: Query = {};
  const start = url.indexOf("?");
  if (start === -1) return query;
  for (const [key, value] of new URLSearchParams(url.slice(start + 1))) {
    const seen = query[key];
    query[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}
