/**
 * Runs inside the sandbox, before the user's code, where the run has no
 * namespaces of its own (`CHIRP_ISOLATION=guarded`): signals may go only to the
 * run's own process, and outbound connections (net, tls, http, fetch, dgram, dns)
 * only to the servers the run itself listens on. The originals are kept in this
 * module's closures and the replacements cannot be reassigned, so user code has
 * no way back to them (Node's permission model already refuses `process.binding`,
 * child processes and workers).
 */
import dgram from "node:dgram";
import dns from "node:dns";
import net from "node:net";
import { ISOLATION_ENV } from "../sandbox-env.ts";

/** Loopback ports and socket paths the run's own servers listen on. */
const ownServers = new Set<string>();
const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost", "::ffff:127.0.0.1"]);

function refusal(what: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${what} is refused: a run may reach only its own servers (the run is guarded, not isolated).`);
  error.code = "ERR_ACCESS_DENIED";
  return error;
}

/** Replaces `owner[name]` for good: not writable, not configurable. */
function seal<T extends object>(owner: T, name: keyof T & string, value: unknown): void {
  Object.defineProperty(owner, name, { value, writable: false, configurable: false, enumerable: false });
}

/** Where a `connect()` call goes: a socket path, or a host and port, whatever form its arguments take. */
function destination(args: unknown[]): string {
  const [first, second] = args;
  const options = (Array.isArray(first) ? first[0] : first) as { path?: string | null; port?: number | string; host?: string } | string | number;
  if (typeof options === "string" && Number.isNaN(Number(options))) return options;
  if (typeof options !== "object" || options === null) return `${typeof second === "string" ? second : "localhost"}:${Number(options)}`;
  if (typeof options.path === "string") return options.path;
  return `${options.host ?? "localhost"}:${Number(options.port)}`;
}

function isOwnServer(target: string): boolean {
  const colon = target.lastIndexOf(":");
  if (target.startsWith("/") || colon === -1) return ownServers.has(target);
  return LOOPBACK.has(target.slice(0, colon).replace(/^\[|\]$/g, "")) && ownServers.has(target.slice(colon + 1));
}

function guardSignals(): void {
  const kill = process.kill.bind(process);
  const internal = process as unknown as { _kill(pid: number, signal: number): number };
  const rawKill = internal._kill.bind(process);
  const own = (pid: unknown) => Number(pid) === process.pid;
  seal(internal, "_kill", (pid: number, signal: number) => {
    if (!own(pid)) throw refusal(`Signalling process ${pid}`);
    return rawKill(pid, signal);
  });
  seal(process, "kill", (pid: number, signal?: string | number) => {
    if (!own(pid)) throw refusal(`Signalling process ${pid}`);
    return kill(pid, signal);
  });
}

function guardNetwork(): void {
  // Left writable, as `http.Server` overrides it: replacing it only loses the right to reach one's own servers.
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
    this.once("listening", () => {
      const address = this.address();
      ownServers.add(typeof address === "string" ? address : String(address?.port));
    });
    return (listen as (...args: unknown[]) => net.Server).apply(this, args);
  } as typeof listen;
  const connect = net.Socket.prototype.connect;
  seal(net.Socket.prototype, "connect", function (this: net.Socket, ...args: unknown[]) {
    const target = destination(args);
    if (isOwnServer(target)) return (connect as (...args: unknown[]) => net.Socket).apply(this, args);
    const error = refusal(`A connection to ${target}`);
    process.nextTick(() => this.destroy(error));
    return this;
  });
  for (const name of ["send", "connect"] as const) {
    seal(dgram.Socket.prototype, name, () => {
      throw refusal("Sending UDP datagrams");
    });
  }
  // An address, or `localhost` (from the hosts file), needs no query that leaves the machine: listening and the run's own servers use them.
  const local = (hostname: unknown) => hostname === "localhost" || net.isIP(String(hostname)) !== 0;
  const queries = (owner: object) => Object.keys(owner).filter((name) => /^(lookup|resolve|reverse)/.test(name));
  for (const name of queries(dns)) {
    const original = dns[name as keyof typeof dns] as (...args: unknown[]) => unknown;
    seal(dns, name as keyof typeof dns, (...args: unknown[]) => {
      if (name === "lookup" && local(args[0])) return original(...args);
      const callback = args.at(-1);
      if (typeof callback !== "function") throw refusal("A DNS query");
      process.nextTick(callback, refusal(`A DNS query for ${String(args[0])}`));
    });
  }
  for (const name of queries(dns.promises)) {
    const original = dns.promises[name as keyof typeof dns.promises] as (...args: unknown[]) => Promise<unknown>;
    seal(dns.promises, name as keyof typeof dns.promises, (...args: unknown[]) =>
      name === "lookup" && local(args[0]) ? original(...args) : Promise.reject(refusal(`A DNS query for ${String(args[0])}`)),
    );
  }
  for (const resolver of [dns.Resolver.prototype, dns.promises.Resolver.prototype]) {
    for (const name of Object.getOwnPropertyNames(resolver).filter((key) => /^(resolve|reverse)/.test(key))) {
      seal(resolver, name as keyof typeof resolver, () => {
        throw refusal("A DNS query");
      });
    }
  }
}

if (process.env[ISOLATION_ENV] === "guarded") {
  guardSignals();
  guardNetwork();
}
