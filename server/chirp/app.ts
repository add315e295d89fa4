import http, { type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createRequire } from "node:module";
import type { Express, Request, RequestHandler, Response } from "express";
import { ASSET_PREFIX, serveAsset } from "./assets.ts";
import { isThenable } from "./is-thenable.ts";
import { AppConfig } from "./config.ts";
import { serveTracked } from "./connections.ts";
import { checkApp, type CheckOptions, type ContractReport } from "./contracts/index.ts";
import { clientErrorStatus, errorPage, statusPage, type ErrorAnswer } from "./error-page.ts";
import type { ChannelOptions } from "./realtime/channel.ts";
import type { AppChannel } from "./realtime/channel-backend.ts";
import { sendEventStream } from "./realtime/send-event-stream.ts";
import { respond, type RespondContext, type Responder } from "./respond.ts";
import { runApp } from "./run.ts";
import type { Listening, ListenOptions } from "./listening.ts";
import { StaticFiles, type StaticOptions } from "./static-files.ts";
import { ChirpRequest } from "./request.ts";
import { RequestLifetime } from "./request-lifetime.ts";
import type { Handler, Route, RouteOptions } from "./route.ts";
import { Router } from "./router.ts";
import type { Fragment } from "./templating/fragment.ts";
import { sendSuspense } from "./templating/send-suspense.ts";
import { TemplateEngine } from "./templating/template-engine.ts";
import { relativePaths } from "./relative-paths.ts";

/** Options of `new App()`. */
export interface AppInit {
  config?: AppConfig;
}

/** Streams and requests under way, with the connection each arrived on. */
interface InFlight {
  lifetime: RequestLifetime;
  socket: Socket;
}

/** Loads Express when middleware first needs it: an app without middleware never pays for it. */
const loadExpress = () => createRequire(import.meta.url)("express") as typeof import("express");

/** How long a client may take to send a request's headers: idle or half-open connections are closed after it. */
const HEADERS_TIMEOUT_MS = 10_000;
/** How long a client may take to send a whole request, body included (a stream's response is not limited). */
const REQUEST_TIMEOUT_MS = 30_000;

/** How long `close()` waits for connections to end before cutting them. */
const SHUTDOWN_GRACE_MS = 3_000;

function sendError(response: ServerResponse, answer: ErrorAnswer): void {
  response.writeHead(answer.status, { ...answer.headers, "content-type": "text/html; charset=utf-8" }).end(answer.html);
}

/**
 * A chirp application: routes that return intent, templates, streams, and the
 * htmx files under `/_chirp/`. Serve it with `listen()`, `run()`, or mount `handler`.
 */
export class App {
  readonly config: AppConfig;
  /** The app's templates; use `templates.environment` to add Nunjucks filters and globals. */
  readonly templates: TemplateEngine;
  readonly #routes: Route[] = [];
  readonly #router = new Router();
  readonly #inFlight = new Set<InFlight>();
  readonly #staticFiles: StaticFiles[] = [];
  readonly #channels = new Map<string, { channel: AppChannel; settings: ChannelOptions }>();
  /** One renderer for every stream, so a value published to many of them is rendered once. */
  readonly #renderFragment = (fragment: Fragment): string | Promise<string> => this.templates.renderBlockNow(fragment.template, fragment.block, fragment.context);
  /** How every request is answered. */
  readonly #responder: Responder;
  /** Express, only once `use()` adds middleware: it runs the middleware, then hands over to the routes. */
  #middleware: Express | undefined;

  constructor(init: AppInit = {}) {
    this.config = init.config ?? new AppConfig();
    this.templates = new TemplateEngine(this.config.templateDir, { reload: this.config.debug, htmx: this.config.htmx });
    const { config, templates } = this;
    this.#responder = {
      templates,
      send: config,
      stream: (stream, request, response) =>
        sendEventStream(stream, {
          response,
          signal: request.signal,
          renderFragment: this.#renderFragment,
          htmx: config.htmx,
          closeEvent: config.sseCloseEvent,
          retry: config.sseRetryMs,
          stallTimeoutMs: config.sseStallTimeoutMs,
          debug: config.debug,
          logger: config.logger,
          label: `${request.method} ${request.path}`,
        }),
      suspend: (suspense, request, response) => sendSuspense(suspense, { request, response, templates, logger: config.logger, debug: config.debug }),
    };
  }

  /** Registers a route. `options.methods` defaults to GET; paths use Express syntax (`/items/:id`, `/files/*path`). */
  route(path: string, handler: Handler): this;
  route(path: string, options: RouteOptions, handler: Handler): this;
  route(path: string, optionsOrHandler: RouteOptions | Handler, maybeHandler?: Handler): this {
    const [options, handler] = typeof optionsOrHandler === "function" ? [{}, optionsOrHandler] : [optionsOrHandler, maybeHandler];
    if (typeof path !== "string" || !path.startsWith("/")) throw new TypeError(`route path must start with "/", got ${JSON.stringify(path)}`);
    if (typeof handler !== "function") throw new TypeError(`route ${path} needs a handler function`);
    const methods = (options.methods ?? ["GET"]).map((method) => method.toUpperCase());
    const taken = this.#routes.find((route) => route.path === path && route.methods.some((method) => methods.includes(method)));
    if (taken) throw new Error(`route ${methods.join(",")} ${path} is already registered`);
    const route: Route = Object.freeze({ path, methods: Object.freeze(methods), options: Object.freeze({ ...options }), handler });
    this.#router.add(route);
    this.#routes.push(route);
    return this;
  }

  /**
   * The app's channel named `name`, made with `options` the first time: every call
   * with the same name gets the same channel. Asking again with a different option is
   * an error. It lives where `config.channels` says: in this process unless a shared
   * backend (Redis) is configured.
   */
  channel(name: string, options: ChannelOptions = {}): AppChannel {
    const known = this.#channels.get(name);
    if (!known) {
      const channel = this.config.channels.open(name, options);
      this.#channels.set(name, { channel, settings: { history: channel.history, queue: channel.queue, firstId: options.firstId } });
      return channel;
    }
    const clash = (["history", "queue", "firstId"] as const).find((key) => options[key] !== undefined && options[key] !== known.settings[key]);
    if (clash) throw new Error(`channel ${JSON.stringify(name)} already exists with ${clash} ${known.settings[clash] ?? "unset"}, not ${options[clash]}`);
    return known.channel;
  }

  /** The registered routes, in registration order. */
  get routes(): readonly Route[] {
    return this.#routes;
  }

  /**
   * Adds Express middleware that runs before the routes, optionally under a path
   * prefix (`app.use("/assets", express.static(dir))`). Apps without middleware
   * never go through Express.
   */
  use(...handlers: [string, ...RequestHandler[]] | RequestHandler[]): this {
    if (!this.#middleware) {
      this.#middleware = loadExpress()();
      this.#middleware.disable("x-powered-by");
    }
    (this.#middleware.use as (...args: unknown[]) => void)(...handlers);
    return this;
  }

  /** The app as a Node request listener, to mount in another server. */
  get handler(): (request: IncomingMessage, response: ServerResponse) => void {
    return this.#handle;
  }

  readonly #handle = (request: IncomingMessage, response: ServerResponse): void => {
    const middleware = this.#middleware;
    if (!middleware) return this.#answer(request, response);
    middleware(request as Request, response as Response, (error?: unknown) => {
      if (error) this.#fail(error, request.method, request.url ?? "/", response);
      else this.#answer(request, response);
    });
  };

  /**
   * Serves the files of `dir` under the URL `prefix` (`app.static("/assets/", "dist/assets", { immutable: true })`),
   * before the routes: types, ETags, cache lifetime, and compression from the `.br` / `.gz`
   * copies a build left beside a file. A path naming no file goes on to the routes.
   */
  static(prefix: string, dir: string, options: StaticOptions = {}): this {
    this.#staticFiles.push(new StaticFiles(prefix.endsWith("/") ? prefix : `${prefix}/`, dir, options));
    return this;
  }

  /** Answers: chirp's own files, a static folder, a route, or 404 / 405. */
  #answer(request: IncomingMessage, response: ServerResponse): void {
    const url = request.url ?? "/";
    const queryAt = url.indexOf("?");
    const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
    if (pathname.startsWith(ASSET_PREFIX)) {
      const sent = serveAsset(pathname.slice(ASSET_PREFIX.length), request, response, this.config);
      if (sent) return void sent.catch((error) => this.#fail(error, request.method, pathname, response));
    }
    const files = this.#staticFiles.length > 0 ? this.#staticFiles.find((folder) => pathname.startsWith(folder.prefix)) : undefined;
    if (!files) return this.#route(pathname, request, response);
    files.serve(pathname, request, response, this.config).then(
      (served) => served || this.#route(pathname, request, response),
      (error) => this.#fail(error, request.method, pathname, response),
    );
  }

  /** Answers from the routes, or 404 / 405. */
  #route(pathname: string, request: IncomingMessage, response: ServerResponse): void {
    const method = request.method ?? "GET";
    const { found, allowed } = this.#router.find(method, pathname);
    if (found) {
      void this.#dispatch(found.route, found.params, pathname, request, response);
    } else if (allowed.length > 0) {
      sendError(response, statusPage(405, `${method} is not allowed on ${pathname}; use ${allowed.join(", ")}.`, { allow: allowed.join(", ") }));
    } else {
      sendError(response, statusPage(404, `Nothing is served at ${pathname}.`));
    }
  }

  /** Starts an HTTP server (default 127.0.0.1:8000). */
  async listen(options: ListenOptions = {}): Promise<Listening> {
    const host = options.host ?? "127.0.0.1";
    const server = http.createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS });
    const connections = serveTracked(server, this.handler);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 8000, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}/`;
    return {
      url,
      port,
      server,
      close: () => {
        this.#endStreams(server);
        return connections.close(SHUTDOWN_GRACE_MS);
      },
    };
  }

  /**
   * Serves the app as a program: HOST and PORT from the environment (default
   * 127.0.0.1:8000), a log line with the URL, graceful shutdown on SIGINT/SIGTERM.
   */
  run(): Promise<Listening> {
    return runApp(this);
  }

  /**
   * Runs the contract checker: the routes against the URLs, `sse-*` attributes and
   * blocks of the templates, and (given `sources`) the template names in the source.
   */
  check(options: CheckOptions = {}): Promise<ContractReport> {
    return checkApp(this, options);
  }

  /** Aborts the requests under way on `server`: their streams end and their `signal` fires. */
  #endStreams(server: Server): void {
    for (const flight of this.#inFlight) {
      if ((flight.socket as Socket & { server?: Server }).server === server) flight.lifetime.end(new Error("server shutting down"));
    }
  }

  /**
   * Calls a route's handler with the request and answers with what it returned. A
   * ready value that needs no waiting is answered before this returns, with no
   * promise made; only a request still under way once this returns is kept in
   * flight, to be ended when its client leaves or the server shuts down.
   */
  #dispatch(route: Route, params: Record<string, string>, path: string, req: IncomingMessage, res: ServerResponse): void {
    const lifetime = new RequestLifetime();
    const request = new ChirpRequest(req, { params, path, lifetime, maxBodyBytes: this.config.maxBodyBytes });
    const context: RespondContext = { request, response: res, responder: this.#responder };
    let answering: void | Promise<void>;
    try {
      const value = route.handler(request);
      answering = isThenable(value) ? Promise.resolve(value).then((ready) => respond(ready, context)) : respond(value, context);
    } catch (error) {
      return this.#fail(error, request.method, path, res);
    }
    if (answering) this.#follow(answering, { lifetime, socket: req.socket }, request, res);
  }

  /** Keeps a request whose answer is still under way in flight until its response closes, and answers its failure. */
  #follow(answering: Promise<void>, flight: InFlight, request: ChirpRequest, res: ServerResponse): void {
    this.#inFlight.add(flight);
    res.on("close", () => {
      this.#inFlight.delete(flight);
      if (!res.writableFinished) flight.lifetime.end(new Error("client disconnected"));
    });
    answering.catch((error: unknown) => this.#fail(error, request.method, request.path, res));
  }

  /** Answers a failed request and logs what the developer needs. */
  #fail(error: unknown, method: string | undefined, path: string, response: ServerResponse): void {
    if (clientErrorStatus(error) === undefined) {
      this.config.logger.error(`${method} ${path} failed: ${relativePaths(error instanceof Error ? (error.stack ?? error.message) : String(error))}`);
    }
    if (response.headersSent) {
      response.destroy();
      return;
    }
    sendError(response, errorPage(error, this.config.debug));
  }
}
