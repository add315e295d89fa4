import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { StringDecoder } from "node:string_decoder";
import type { Frame } from "../../common/playground-protocol.ts";
import { loopbackHosts } from "../site-hosts.ts";
import { FrameSplitter } from "./sse-frames.ts";

/** What the proxy reports about the event streams it passes on. */
export interface TapListener {
  /** A stream began: `conn` numbers the connections of a run from 1. */
  open(conn: number, path: string, status: number): void;
  /** A complete block reached the browser, `t` ms after the stream began. */
  frame(conn: number, t: number, frame: Frame): void;
  closed(conn: number, t: number): void;
  /** Any request passed through (the run is in use). */
  activity(): void;
  /** A frame (the live output, or a page opened from it) loaded the page at `path`. */
  page(path: string): void;
  /** A page began arriving in a frame: `doc` numbers them from 1. */
  document(doc: number, path: string, status: number): void;
  /** A piece of that page's body reached the browser, `t` ms after the response began. */
  chunk(doc: number, t: number, bytes: number, html: string): void;
}

/** Where a run's app answers: the Unix socket in its folder, and the loopback port it listens on inside its sandbox (for the Host header). */
export interface RunTarget {
  socketPath: string;
  port: number;
}

/** The proxy of one run. */
export interface RunProxy {
  /** Answers one request for the run: one the docs server routed here by its Host (`<run-id>.<run-domain>`), or one on the run's own port. */
  serve(request: IncomingMessage, response: ServerResponse): void;
  /** The loopback port the run is served on as well, when asked for: the fallback for browsers that do not resolve `*.localhost`. */
  port: number | undefined;
  /** Stops listening and ends every response under way (the browser's event streams with them). */
  close(): Promise<void>;
}

/**
 * Serves a run, passing every request to the run's process through its socket
 * (the only way in when the run is isolated). The run has an origin of its own
 * (its host name; with `fallbackPort`, its own loopback port too: one listening
 * socket more), so its absolute URLs (`sse-connect="/events"`) work unchanged
 * and its scripts cannot reach the docs page; only the origins in `framedBy` (the docs pages) may frame it. Event
 * streams are tapped on the way: every block the browser receives is reported,
 * exactly as sent, with the time since the stream began.
 */
export async function startRunProxy(target: RunTarget, tap: TapListener, framedBy: string[], fallbackPort: boolean): Promise<RunProxy> {
  const framing = `frame-ancestors ${framedBy.join(" ")}`;
  let connections = 0;
  let documents = 0;
  const open = new Set<ServerResponse>();
  const serve = (request: IncomingMessage, response: ServerResponse) => {
    open.add(response);
    response.on("close", () => open.delete(response));
    tap.activity();
    if (request.headers["sec-fetch-dest"] === "iframe") tap.page(request.url ?? "/");
    forward(request, response, { target, framing }, { conn: () => ++connections, doc: () => ++documents }, tap);
  };
  const fallback = fallbackPort ? await listenOnLoopback(serve) : undefined;
  return {
    serve,
    port: fallback?.port,
    close: async () => {
      const closed = fallback?.close();
      for (const response of open) response.destroy();
      await closed;
    },
  };
}

/** A server on a free loopback port that passes to `serve` the requests whose Host is that address, and refuses any other (DNS rebinding). */
async function listenOnLoopback(serve: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ port: number; close(): Promise<void> }> {
  let hosts = new Set<string>();
  const server = http.createServer((request, response) => {
    if (hosts.has(request.headers.host ?? "")) return serve(request, response);
    response.writeHead(403, { "content-type": "text/plain; charset=utf-8" }).end("This run answers only on its loopback address.\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  hosts = loopbackHosts(port);
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The app's own Content-Security-Policy, if any, and the proxy's framing rule as one more policy (browsers enforce every one). */
function withFraming(policy: string | string[] | undefined, framing: string): string {
  return [policy ?? [], framing].flat().join(", ");
}

/**
 * Passes one request to the run on a connection of its own (`agent: false`): a
 * kept-alive connection could be closed by the run's idle timer, which fires late
 * when its event loop was busy, just as the next request is written on it.
 */
function forward(request: IncomingMessage, response: ServerResponse, to: { target: RunTarget; framing: string }, next: { conn(): number; doc(): number }, tap: TapListener): void {
  const { target, framing } = to;
  const upstream = http.request(
    { socketPath: target.socketPath, method: request.method, path: request.url, headers: { ...request.headers, host: `127.0.0.1:${target.port}` }, agent: false },
    (answer) => {
      const headers = { ...answer.headers, "content-security-policy": withFraming(answer.headers["content-security-policy"], framing) };
      response.writeHead(answer.statusCode ?? 502, headers);
      if (String(answer.headers["content-type"]).startsWith("text/event-stream")) {
        response.flushHeaders();
        tapStream(answer, next.conn(), request.url ?? "/", tap);
      } else if (isFramedPage(request, answer)) {
        tapDocument(answer, next.doc(), request.url ?? "/", tap);
      }
      // The run ended mid-answer: end the browser's response too, rather than leave it open.
      answer.on("close", () => answer.complete || response.destroy());
      answer.pipe(response);
    },
  );
  upstream.on("error", (error) => {
    if (!response.headersSent) response.writeHead(502, { "content-type": "text/plain; charset=utf-8" }).end(`The run is not answering (${error.message}).\n`);
    else response.destroy();
  });
  response.on("close", () => upstream.destroy());
  request.pipe(upstream);
}

/** A page loaded in a frame whose body is plain HTML (a compressed body is not shown as chunks). */
function isFramedPage(request: IncomingMessage, answer: IncomingMessage): boolean {
  return request.headers["sec-fetch-dest"] === "iframe" && String(answer.headers["content-type"]).startsWith("text/html") && !answer.headers["content-encoding"];
}

/** Reports each piece of a page's body as it passes, with its size in bytes and its text. */
function tapDocument(page: IncomingMessage, doc: number, path: string, tap: TapListener): void {
  const started = performance.now();
  const text = new StringDecoder("utf8");
  tap.document(doc, path, page.statusCode ?? 200);
  page.on("data", (chunk: Buffer) => tap.chunk(doc, Math.round(performance.now() - started), chunk.byteLength, text.write(chunk)));
}

function tapStream(stream: IncomingMessage, conn: number, path: string, tap: TapListener): void {
  const started = performance.now();
  const since = () => Math.round(performance.now() - started);
  const splitter = new FrameSplitter();
  tap.open(conn, path, stream.statusCode ?? 200);
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    for (const frame of splitter.push(chunk)) tap.frame(conn, since(), frame);
  });
  stream.on("close", () => tap.closed(conn, since()));
}
