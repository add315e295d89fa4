import http, { type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";
import { ASSET_PREFIX, serveAsset } from "./assets.ts";
import { AppConfig } from "./config.ts";
import { trackConnections } from "./connections.ts";
import { checkApp, type CheckOptions, type ContractReport } from "./contracts/index.ts";
import { errorPage, statusPage, type ErrorAnswer } from "./error-page.ts";
import { HttpError } from "./http-error.ts";
import { sendEventStream } from "./realtime/send-event-stream.ts";
import { respond } from "./respond.ts";
import { runApp } from "./run.ts";
import { ChirpRequest } from "./request.ts";
import type { Handler, Route, RouteOptions } from "./route.ts";
import { TemplateEngine } from "./templating/template-engine.ts";

/** Options of `new App()`. */
export interface AppInit {
  config?: AppConfig;
}

/** Where to listen; port 0 picks a free port. */
export interface ListenOptions {
  host?: string;
  port?: number;
}

/** A listening server. */
export interface Listening {
  /** The base URL, e.g. `http://127.0.0.1:8000/`. */
  url: string;
  port: number;
  server: Server;
  /** Ends open streams, stops accepting connections and resolves when the server is closed. */
  close(): Promise<void>;
}

/** Streams and requests under way, with the connection each arrived on. */
interface InFlight {
  controller: AbortController;
  socket: Socket;
}

/** How long `close()` waits for connections to end before cutting them. */
const SHUTDOWN_GRACE_MS = 3_000;

function sendError(response: ServerResponse, answer: ErrorAnswer): void {
  response.writeHead(answer.status, { ...answer.headers, "content-type": "text/html; charset=utf-8" }).end(answer.html);
}

function normalizeParams(params: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, Array.isArray(value) ? value.join("/") : value]));
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
  readonly #express = express();
  readonly #middleware = express.Router();
  readonly #router = express.Router();
  readonly #wrongMethod = express.Router();
  readonly #inFlight = new Set<InFlight>();

  constructor(init: AppInit = {}) {
    this.config = init.config ?? new AppConfig();
    this.templates = new TemplateEngine(this.config.templateDir, { reload: this.config.debug });
    this.#express.disable("x-powered-by");
    this.#express.get(`${ASSET_PREFIX}:name`, (req, res, next) => {
      if (!serveAsset(String(req.params.name), req, res)) next();
    });
    this.#express.use(this.#middleware, this.#router, this.#wrongMethod);
    this.#express.use((req: Request, res: Response) => {
      sendError(res, statusPage(404, `Nothing is served at ${req.path}.`));
    });
    this.#express.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
      this.#fail(error, `${req.method} ${req.path}`, res);
    });
  }

  /** Registers a route. `options.methods` defaults to GET; path parameters use Express syntax (`/items/:id`). */
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
    for (const method of methods) {
      this.#router[method.toLowerCase() as "get"](path, this.#dispatch(route));
    }
    if (!this.#routes.some((known) => known.path === path)) {
      this.#wrongMethod.all(path, (req, res) => {
        const allowed = this.#routes.filter((known) => known.path === path).flatMap((known) => known.methods);
        if (allowed.includes("GET")) allowed.push("HEAD");
        sendError(res, statusPage(405, `${req.method} is not allowed on ${req.path}; use ${allowed.join(", ")}.`, { allow: allowed.join(", ") }));
      });
    }
    this.#routes.push(route);
    return this;
  }

  /** The registered routes, in registration order. */
  get routes(): readonly Route[] {
    return this.#routes;
  }

  /** Adds Express-style middleware that runs before the routes, optionally under a path prefix. */
  use(...handlers: [string, ...RequestHandler[]] | RequestHandler[]): this {
    (this.#middleware.use as (...args: unknown[]) => void)(...handlers);
    return this;
  }

  /** The app as a Node request listener, to mount in another server. */
  get handler(): (request: IncomingMessage, response: ServerResponse) => void {
    return this.#express;
  }

  /** Starts an HTTP server (default 127.0.0.1:8000). */
  async listen(options: ListenOptions = {}): Promise<Listening> {
    const host = options.host ?? "127.0.0.1";
    const server = http.createServer(this.handler);
    const connections = trackConnections(server);
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
      if ((flight.socket as Socket & { server?: Server }).server === server) flight.controller.abort(new Error("server shutting down"));
    }
  }

  /** Wraps a route's handler: builds the request, calls it, answers with what it returned. */
  #dispatch(route: Route): RequestHandler {
    return async (req, res) => {
      const flight: InFlight = { controller: new AbortController(), socket: req.socket };
      this.#inFlight.add(flight);
      res.on("close", () => {
        this.#inFlight.delete(flight);
        if (!res.writableFinished) flight.controller.abort(new Error("client disconnected"));
      });
      const request = new ChirpRequest(req, {
        params: normalizeParams(req.params as Record<string, string | string[]>),
        path: req.path,
        signal: flight.controller.signal,
        maxBodyBytes: this.config.maxBodyBytes,
      });
      const label = `${request.method} ${request.path}`;
      try {
        const value = await route.handler(request);
        await respond(value, {
          request,
          response: res,
          templates: this.templates,
          stream: (stream) =>
            sendEventStream(stream, {
              response: res,
              signal: request.signal,
              renderFragment: (fragment) => this.templates.renderBlock(fragment.template, fragment.block, fragment.context),
              closeEvent: this.config.sseCloseEvent,
              debug: this.config.debug,
              logger: this.config.logger,
              label,
            }),
        });
      } catch (error) {
        this.#fail(error, label, res);
      }
    };
  }

  /** Answers a failed request and logs what the developer needs. */
  #fail(error: unknown, label: string, response: ServerResponse): void {
    if (!(error instanceof HttpError)) {
      this.config.logger.error(`${label} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    if (response.headersSent) {
      response.destroy();
      return;
    }
    sendError(response, errorPage(error, this.config.debug));
  }
}
