import type { ChirpRequest } from "./request.ts";

/** A route handler: gets the request, returns intent (or a promise of it). */
export type Handler = (request: ChirpRequest) => unknown;

/** Options of `app.route(path, options, handler)`. */
export interface RouteOptions {
  /** HTTP methods the route answers (default `["GET"]`; HEAD follows GET). */
  methods?: string[];
  /** Reached by something a link checker cannot see (e.g. `sse-connect`): keeps it out of the orphan-route report. */
  referenced?: boolean;
  /** Declares that the route returns an `EventStream` (for the contract checker). */
  stream?: boolean;
  /** Declares the event names the route's stream sends (implies `stream`; for the contract checker). */
  events?: string[];
}

/** One registered route. */
export interface Route {
  /** Express path pattern, e.g. `/items/:id`. */
  readonly path: string;
  readonly methods: readonly string[];
  readonly options: Readonly<RouteOptions>;
  readonly handler: Handler;
}
