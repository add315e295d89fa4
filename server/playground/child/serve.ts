/**
 * Runs inside the sandbox: loads the framework (and with it express, nunjucks…)
 * while waiting, then starts the user's bundled app exactly as `node app.mjs`
 * would, tells the parent the loopback port its server listens on, and, once
 * the first page has loaded, the contract checker's report on the app.
 */
import http from "node:http";
import { started, startPinging, tell } from "./channel.ts";
import { checkWhenQuiet } from "./wiring-check.ts";

const LOOPBACK = new Set(["127.0.0.1", "::1"]);
const listen = http.Server.prototype.listen;
let served: (server: http.Server) => void = () => {};
/** The first server that listens on loopback. */
const firstServer = new Promise<http.Server>((resolve) => (served = resolve));

/** Reports the first loopback server; refuses to serve beyond loopback. */
http.Server.prototype.listen = function (this: http.Server, ...args: unknown[]) {
  this.once("listening", () => {
    const address = this.address();
    if (typeof address !== "object" || address === null || !LOOPBACK.has(address.address)) {
      console.error(`The run may only listen on loopback (HOST=127.0.0.1), not ${JSON.stringify(address)}.`);
      process.exit(1);
    }
    void tell({ type: "listening", port: address.port });
    served(this);
  });
  return (listen as (...args: unknown[]) => http.Server).apply(this, args);
} as typeof listen;

startPinging();
const go = started();
await import(new URL("./chirp.mjs", import.meta.url).href);
await go;
const app = new URL("./app.mjs", import.meta.url);
// `isMain(import.meta)` in the app compares with the program's path: make it the app's.
process.argv[1] = decodeURIComponent(app.pathname);
const module = (await import(app.href)) as { app?: unknown };
const outcome = await checkWhenQuiet(await firstServer, module, new URL("./", import.meta.url));
await tell({ type: "check", ...outcome });
