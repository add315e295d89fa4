/**
 * The example runner: builds an example's (edited) files, runs them as a
 * sandboxed process with limits, serves each run on an origin of its own
 * (`<run-id>.<run-domain>` on the docs server's port) and taps its event streams.
 * `registerPlayground` mounts the run API and the run hosts on a chirp App.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import path from "node:path";
import { EventStream, HttpError, Reply, type App, type ChirpRequest } from "chirp";
import { editorTypes } from "./editor-types.ts";
import { readExample, type Files } from "./example-files.ts";
import { feedEvents, resumedAfter } from "./feed-events.ts";
import { guard } from "./guard.ts";
import { availableIsolation, type Isolation } from "./isolation.ts";
import { IpLimits, tooMany, type Counted } from "./ip-limits.ts";
import { DEFAULT_LIMITS, type Limits } from "./limits.ts";
import { DEFAULT_PUBLIC_MODE, type PublicMode } from "./public-mode.ts";
import { readerIp } from "./reader-ip.ts";
import { RunRegistry } from "./run-registry.ts";
import { routeByHost } from "./route-by-host.ts";
import { DEFAULT_RUN_DOMAIN } from "../hosting-options.ts";
import { SiteHosts } from "../site-hosts.ts";
import type { HtmxVersion, StartedRun, TypeCheckReport } from "../../common/playground-protocol.ts";
import { SharedRuns } from "./shared-runs.ts";
import { sameFiles, submittedFiles } from "./submitted-files.ts";
import { TypeChecker } from "./type-checker.ts";

export { DEFAULT_LIMITS, type Limits } from "./limits.ts";
export { DEFAULT_PUBLIC_MODE, type PublicMode } from "./public-mode.ts";
export type { Isolation } from "./isolation.ts";
export { TOKEN_HEADER } from "./guard.ts";
export type * from "../../common/playground-protocol.ts";

/** How the playground is mounted. */
export interface PlaygroundOptions {
  /** The project root: `examples/` is read from it, runs are built under `.cache/runs/` in it. */
  root: string;
  /** Only unedited built-in examples run. */
  readOnly?: boolean;
  /**
   * Public mode (implies read-only): each example runs once, shared by every
   * reader, and each reader's IP is limited; unset values take {@link DEFAULT_PUBLIC_MODE}'s.
   */
  publicMode?: Partial<PublicMode>;
  limits?: Partial<Limits>;
  /** Extra environment for every run (e.g. `SSE_DELAY` in tests). */
  env?: Record<string, string>;
  /** How runs are kept from the rest of the machine; default: `isolated` where bubblewrap works, else `guarded`. */
  isolation?: Isolation;
  /** Where runs are built; must be inside `root` so `node_modules` resolves. Default `<root>/.cache/runs`. */
  runsDir?: string;
  /** The docs server's host names and its runs'; default: local, runs on `<run-id>.run.localhost`. */
  hosts?: SiteHosts;
}

/** The mounted playground. */
export interface Playground {
  /** The per-server token pages must send. */
  readonly token: string;
  readonly registry: RunRegistry;
  /** Public mode's shared runs (undefined otherwise). */
  readonly shared: SharedRuns | undefined;
  /** Ends every run. */
  close(): Promise<void>;
}

interface RunRequest {
  example?: unknown;
  files?: unknown;
  replaces?: unknown;
  htmx?: unknown;
}

/** The htmx version a request asks the example to run on: 2 unless it says 4. */
function htmxOf(body: RunRequest): HtmxVersion {
  if (body.htmx === undefined || body.htmx === 2 || body.htmx === 4) return body.htmx ?? 2;
  throw new HttpError(400, `htmx must be 2 or 4, got ${JSON.stringify(body.htmx)}.`);
}

/**
 * Adds the run API to `app`, and routes requests by Host before anything else
 * answers: `<run-id>.<run-domain>` goes to the run (404 if none), a foreign Host gets 403.
 * - `GET /api/playground` → `{ token, readOnly, shared, limits, isolation, typesUrl }` for the page (and a process warms up for its first run);
 * - `GET /api/examples/:name` → the example's files, `app.ts` first;
 * - `GET /api/playground/types/:hash` → the declarations the editor loads (chirp, Node, the test API),
 *   at a URL named by their content, so browsers keep them for a year;
 * - `POST /api/runs` `{ example, files?, replaces?, htmx? }` → `{ id, url, fallbackUrl?, shared? }` (201), or `{ problems }` / `{ exit }` (422);
 *   in public mode the run is a view of the example's shared run (`shared: true`);
 *   `htmx: 4` runs the example with `CHIRP_HTMX=4` (default 2), and so does it for `POST /api/tests`;
 * - `GET /api/runs/:id/feed?token=` → the run's connections, frames, output and exit as SSE;
 * - `DELETE /api/runs/:id` ends a run; `POST /api/tests` `{ example, files?, htmx? }` runs the example's tests;
 * - `POST /api/type-check` `{ example, files? }` → `{ problems }`: the TypeScript errors of the `.ts` files.
 * Every route refuses (403) requests from another Host or Origin; those that run code also need the token.
 * In public mode, Run and Test count against the reader's IP's starts a minute, a type check against its
 * checks a minute (as many, counted apart), a feed and each request
 * to a run (while open) against its open streams: over any, a 429 with `Retry-After` and a message that
 * says which limit.
 */
export function registerPlayground(app: App, options: PlaygroundOptions): Playground {
  const hosts = options.hosts ?? new SiteHosts({ runDomain: DEFAULT_RUN_DOMAIN });
  const token = randomBytes(24).toString("base64url");
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const registry = new RunRegistry({ root: options.root, runsDir: options.runsDir ?? path.join(options.root, ".cache", "runs"), limits, env: options.env, isolation: options.isolation ?? availableIsolation(), fallbackPorts: hosts.perPortFallback });
  const publicMode = options.publicMode && { ...DEFAULT_PUBLIC_MODE, ...options.publicMode };
  const readOnly = (options.readOnly ?? false) || publicMode !== undefined;
  const shared = publicMode && new SharedRuns(registry, publicMode.idleMs);
  const perIp = publicMode && new IpLimits(publicMode);
  const checker = new TypeChecker(options.root);
  /** The reader's address (public mode's limits count by it). */
  const ipOf = (raw: IncomingMessage) => readerIp(raw, publicMode?.trustProxy ?? false);
  /** Counts a run start or a type check against the request's IP in public mode (429 over the limit). */
  const count = (request: ChirpRequest, kind: Counted) => perIp?.count(ipOf(request.raw), kind);
  app.use(routeByHost(hosts, registry, perIp && ((request, response) => {
    const opened = perIp.open(ipOf(request), "run");
    if (typeof opened === "function") return void response.on("close", opened);
    return opened;
  })));

  /** The files to run: the example's, or the page's edits (refused in read-only mode). */
  const filesOf = (body: RunRequest): Files => {
    const original = readExample(options.root, String(body.example));
    if (body.files === undefined) return original;
    const files = submittedFiles(body.files, limits.sourceBytes);
    if (readOnly && !sameFiles(files, original)) throw new HttpError(403, "This server is read-only: only the unedited examples run.");
    return files;
  };

  app.route("/api/playground", (request) => {
    guard(request, hosts, {});
    registry.warmUp();
    checker.warmUp();
    return { token, readOnly, shared: shared !== undefined, limits, isolation: registry.isolation, typesUrl: `/api/playground/types/${editorTypes(options.root).hash}` };
  });

  app.route("/api/playground/types/:hash", { referenced: true }, (request) => {
    guard(request, hosts, {});
    const types = editorTypes(options.root);
    if (request.params.hash !== types.hash) throw new HttpError(404, "These editor types are not served any more; reload the page.");
    return new Reply(types.json, { headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=31536000, immutable" } });
  });

  app.route("/api/examples/:name", (request) => {
    guard(request, hosts, {});
    return { name: request.params.name, files: readExample(options.root, request.params.name ?? "") };
  });

  app.route("/api/runs", { methods: ["POST"], referenced: true }, async (request) => {
    guard(request, hosts, { token, write: true });
    const body = await request.json<RunRequest>();
    const localPort = request.raw.socket.localPort ?? 0;
    const framedBy = hosts.docsOrigins(localPort);
    const files = filesOf(body);
    count(request, "run");
    const replaces = typeof body.replaces === "string" ? body.replaces : undefined;
    const started = shared ? await shared.open(String(body.example), files, htmxOf(body), framedBy, replaces) : await registry.start(files, framedBy, replaces, htmxOf(body));
    if (started.failure) return new Reply(started.failure, { status: 422 });
    const { id, port } = started.run;
    const answer: StartedRun = {
      id,
      url: hosts.runUrl(id, localPort),
      ...(port === undefined ? {} : { fallbackUrl: `http://127.0.0.1:${port}/` }),
      ...(shared ? { shared: true } : {}),
    };
    return new Reply(answer, { status: 201 });
  });

  app.route("/api/runs/:id/feed", { referenced: true }, (request) => {
    guard(request, hosts, { token });
    const run = registry.get(request.params.id ?? "");
    if (!run) throw new HttpError(404, "There is no such run; it may have ended.");
    const release = perIp?.open(ipOf(request.raw), "feed");
    if (release && typeof release !== "function") throw tooMany(release);
    if (release) request.signal.addEventListener("abort", release);
    return new EventStream(feedEvents(registry, run, request.signal, release, resumedAfter(request.lastEventId)));
  });

  app.route("/api/runs/:id", { methods: ["DELETE"], referenced: true }, async (request) => {
    guard(request, hosts, { token, write: true });
    await registry.get(request.params.id ?? "")?.stop("stopped", "Stopped by the page.");
    return null;
  });

  app.route("/api/tests", { methods: ["POST"], referenced: true }, async (request) => {
    guard(request, hosts, { token, write: true });
    const body = await request.json<RunRequest>();
    const files = filesOf(body);
    count(request, "run");
    return registry.test(files, htmxOf(body));
  });

  app.route("/api/type-check", { methods: ["POST"], referenced: true }, async (request) => {
    guard(request, hosts, { token, write: true });
    const files = filesOf(await request.json<RunRequest>());
    count(request, "check");
    const report: TypeCheckReport = { problems: await checker.check(files) };
    return report;
  });

  return { token, registry, shared, close: async () => void (await Promise.all([registry.stopAll(), shared?.stopAll(), checker.close()])) };
}
