/**
 * Runs inside the sandbox: loads the framework (and with it express, nunjucks…)
 * while waiting, then starts the user's bundled app exactly as `node app.mjs`
 * would, serves its first loopback server on the run's Unix socket too (the
 * proxy's way in, also when the run has a network of its own), tells the parent
 * once it is there, and, once the first page has loaded, the contract checker's
 * report on the app.
 */
import "./process-guard.ts";
import http from "node:http";
import net from "node:net";
import { RUN_SOCKET_ENV } from "../sandbox-env.ts";
import { started, startPinging, tell } from "./channel.ts";
import { checkWhenQuiet } from "./wiring-check.ts";

const LOOPBACK = new Set(["127.0.0.1", "::1"]);
const listen = http.Server.prototype.listen;
let served: (server: http.Server) => void = () => {};
/** The first server that listens on loopback. */
const firstServer = new Promise<http.Server>((resolve) => (served = resolve));

/** Hands the connections of the run's socket to `server`, as if they had come to its own port. */
function openRunSocket(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    net.createServer((socket) => server.emit("connection", socket)).once("error", reject).listen(process.env[RUN_SOCKET_ENV], resolve);
  });
}

let first = true;
/** Reports the first loopback server once it is on the run's socket; refuses to serve beyond loopback. */
http.Server.prototype.listen = function (this: http.Server, ...args: unknown[]) {
  this.once("listening", () => {
    const address = this.address();
    if (typeof address !== "object" || address === null || !LOOPBACK.has(address.address)) {
      console.error(`The run may only listen on loopback (HOST=127.0.0.1), not ${JSON.stringify(address)}.`);
      process.exit(1);
    }
    if (!first) return;
    first = false;
    void openRunSocket(this).then(() => tell({ type: "listening", port: address.port }));
    served(this);
  });
  return (listen as (...args: unknown[]) => http.Server).apply(this, args);
} as typeof listen;

startPinging();
const go = started();
await import(new URL("./chirp.mjs", import.meta.url).href);
// The app reads CHIRP_HTMX when it builds its AppConfig, after this.
process.env.CHIRP_HTMX = String((await go).htmx);
const app = new URL("./app.mjs", import.meta.url);
// `isMain(import.meta)` in the app compares with the program's path: make it the app's.
process.argv[1] = decodeURIComponent(app.pathname);
const module = (await import(app.href)) as { app?: unknown };
const outcome = await checkWhenQuiet(await firstServer, module, new URL("./", import.meta.url));
await tell({ type: "check", ...outcome });
