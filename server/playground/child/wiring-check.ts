/**
 * Runs inside the sandbox: the contract checker over the served app, once the
 * run's first page has loaded, so that loading TypeScript (which blocks the
 * event loop for a moment) never delays the live output's first page or frame.
 */
import type http from "node:http";
import { fileURLToPath } from "node:url";
import type { App } from "chirp";
import type { CheckOutcome } from "../../../common/playground-protocol.ts";

/** How long after listening the check waits for a first request (a run nobody opens is checked then). */
const FIRST_REQUEST_MS = 2_000;
/** How long the server must go without a new request (the page's scripts, its event stream) before the check. */
const QUIET_MS = 500;

/** An answer still being written that is not an event stream (a page streamed in parts, say): the server is busy. */
function writing(response: http.ServerResponse): boolean {
  return !response.writableFinished && !String(response.getHeader("content-type")).startsWith("text/event-stream");
}

/**
 * Resolves once `server` has gone {@link QUIET_MS} without a request starting or
 * ending and with no answer still being written, counting from its first request
 * (or {@link FIRST_REQUEST_MS} after listening when none comes). Open event
 * streams do not count as busy; a page still streaming its parts (a `Suspense`) does.
 */
function quiet(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    let settled = false;
    const open = new Set<http.ServerResponse>();
    let timer = setTimeout(() => settle(), FIRST_REQUEST_MS);
    const settle = () => {
      if ([...open].some(writing)) return;
      settled = true;
      server.off("request", onRequest);
      resolve();
    };
    const arm = () => {
      if (settled) return;
      clearTimeout(timer);
      timer = setTimeout(settle, QUIET_MS);
    };
    const onRequest = (_request: http.IncomingMessage, response: http.ServerResponse) => {
      arm();
      open.add(response);
      response.once("close", () => {
        open.delete(response);
        arm();
      });
    };
    server.on("request", onRequest);
  });
}

/**
 * Checks `module`'s exported `app` once `server` is quiet, reading the run's
 * `app.ts` (in `dir`, the run folder, which is also the root the report's paths
 * are relative to: `app.ts`, `templates/feed.html`). Never throws: a failure is
 * reported as the outcome's `error`.
 */
export async function checkWhenQuiet(server: http.Server, module: { app?: unknown }, dir: URL): Promise<CheckOutcome> {
  const app = module.app as App | undefined;
  if (typeof app?.check !== "function") return { error: "app.ts exports no chirp App as `app` (export const app = new App(...)), so its wiring was not checked." };
  await quiet(server);
  try {
    const root = fileURLToPath(dir);
    const { issues } = await app.check({ sources: [fileURLToPath(new URL("app.ts", dir))], root });
    return { issues };
  } catch (error) {
    return { error: `The check failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
