import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { availableIsolation } from "../../server/playground/isolation.ts";
import type { Isolation } from "../../server/playground/index.ts";
import { startHarness, type Harness } from "./harness.ts";
import { fetchLoopback } from "../support/loopback-fetch.ts";

/** An app whose `/try` route runs each named attempt and answers `{ name: "allowed" | error code }`. */
function appTrying(attempts: Record<string, string>): string {
  const tries = Object.entries(attempts).map(
    ([name, body]) => `  try { ${body}; outcome[${JSON.stringify(name)}] = "allowed"; } catch (error) { outcome[${JSON.stringify(name)}] = failure(error); }`,
  );
  return `import { App, isMain } from "chirp";
import dgram from "node:dgram";
import dns from "node:dns/promises";
import http from "node:http";
import net from "node:net";
export const app = new App();
/** An error's code (fetch wraps it in its cause). */
const failure = (error: unknown) => { const e = error as { code?: string; cause?: { code?: string } }; return String(e.code ?? e.cause?.code ?? error); };
const param = (query: Record<string, unknown>, name: string) => String(query[name]);
/** Resolves once a TCP connection to host:port is made, rejects with the error. */
const connect = (host: string, port: number) => new Promise<void>((resolve, reject) => { const socket = net.connect(port, host, () => { socket.destroy(); resolve(); }); socket.on("error", reject); socket.setTimeout(3000, () => socket.destroy(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" }))); });
/** GET on the docs server's session endpoint with every header a browser would send, forged. */
const forgedSession = (port: number) => new Promise<string>((resolve, reject) => {
  const origin = "http://127.0.0.1:" + port;
  http.get(origin + "/api/playground", { headers: { origin, "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors" } }, (answer) => { answer.resume(); resolve(String(answer.statusCode)); }).on("error", reject);
});
app.route("/try", async (request) => {
  const outcome: Record<string, string> = {};
  const q = request.query as Record<string, unknown>;
${tries.join("\n")}
  return outcome;
});
if (isMain(import.meta)) app.run();
`;
}

const isolations: Isolation[] = availableIsolation() === "isolated" ? ["isolated", "guarded"] : ["guarded"];

describe.each(isolations)("a %s run", (isolation) => {
  let harness: Harness;
  /** A process the test started, that the run must not be able to signal. */
  let bystander: ChildProcess;
  /** A loopback service the run must not reach (a local database, say). */
  let service: net.Server;
  let serviceConnections = 0;

  beforeAll(async () => {
    harness = await startHarness(`isolation-${isolation}`, { isolation });
    bystander = spawn(process.execPath, ["-e", "setInterval(() => {}, 1 << 30)"], { stdio: "ignore" });
    service = net.createServer((socket) => {
      serviceConnections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => service.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    bystander.kill();
    service.close();
    await harness.close();
  });

  /** Starts `attempts` as a run and answers what each did. */
  async function attempt(attempts: Record<string, string>, query: Record<string, string | number>): Promise<Record<string, string>> {
    const started = await harness.request("POST", "/api/runs", { body: { example: "sse", files: { "app.ts": appTrying(attempts) } } });
    expect(started.status, started.text).toBe(201);
    const url = new URL("/try", started.json<{ url: string }>().url);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
    return (await (await fetchLoopback(url)).json()) as Record<string, string>;
  }

  test("cannot signal the docs server (its parent) or another process of the user", async () => {
    const outcome = await attempt(
      {
        // Signal 0 only tests whether the docs server could be reached; the bystander gets a real SIGKILL.
        docsServer: 'process.kill(Number(param(q, "docs")), 0)',
        bystander: 'process.kill(Number(param(q, "bystander")), "SIGKILL")',
        // The internal call behind process.kill answers an error number instead of throwing.
        internalKill: 'const errno = (process as unknown as { _kill(pid: number, signal: number): number })._kill(Number(param(q, "bystander")), 9); if (errno !== 0) throw Object.assign(new Error(), { code: "errno " + errno })',
      },
      { docs: process.pid, bystander: bystander.pid! },
    );
    const refused = isolation === "isolated" ? "ESRCH" : "ERR_ACCESS_DENIED";
    expect(outcome.docsServer).toBe(refused);
    expect(outcome.bystander).toBe(refused);
    expect(outcome.internalKill).not.toBe("allowed");
    expect(bystander.exitCode === null && bystander.signalCode === null).toBe(true);
    expect(process.kill(bystander.pid!, 0)).toBe(true);
  });

  test("cannot reach the docs server's run API, another loopback service, or the outside world", async () => {
    const runsBefore = harness.playground.registry.size;
    const outcome = await attempt(
      {
        runApi: 'await forgedSession(Number(param(q, "docs")))',
        loopbackService: 'await connect("127.0.0.1", Number(param(q, "service")))',
        outside: 'await connect("192.0.2.1", 80)',
        fetch: 'await fetch("http://127.0.0.1:" + param(q, "docs") + "/api/playground")',
        dns: 'await dns.lookup("example.com")',
        udp: 'await new Promise<void>((resolve, reject) => dgram.createSocket("udp4").send("x", 53, "192.0.2.1", (error) => (error ? reject(error) : resolve())))',
      },
      { docs: harness.port, service: (service.address() as AddressInfo).port },
    );
    for (const [name, result] of Object.entries(outcome)) {
      expect(result, name).not.toBe("allowed");
      expect(result, name).not.toMatch(/^\d+$/);
    }
    if (isolation === "guarded") expect(Object.values(outcome)).toEqual(Object.values(outcome).map(() => "ERR_ACCESS_DENIED"));
    expect(serviceConnections).toBe(0);
    expect(harness.playground.registry.size).toBe(runsBefore + 1);
  });

  test("still reaches its own server (a test of the app against itself works)", async () => {
    // The proxy names the app's own loopback port in the Host header.
    const outcome = await attempt({ ownServer: 'await fetch("http://" + request.headers.host + "/nothing-here")' }, {});
    expect(outcome).toEqual({ ownServer: "allowed" });
  });
});
