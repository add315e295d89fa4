/**
 * Fault scenarios against real servers, each returning what it measured: the
 * short versions run in `npm test` (tests/chirp/faults.test.ts), the long ones in
 * `npm run soak` (bench/soak.ts). Nothing here sleeps for a fixed time: every wait
 * is on a condition, with a generous limit.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { App, AppConfig, EventStream, silentLogger, type Listening } from "chirp";
import { waitFor } from "./wait-for.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Opens a GET stream on `url`; resolves once its first bytes arrived, with a promise of how it ended. */
function openStream(url: URL, agent: http.Agent): Promise<{ ended: Promise<"end" | "error"> }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent }, (response) => {
      const ended = new Promise<"end" | "error">((settle) => {
        response.on("end", () => settle("end"));
        response.on("error", () => settle("error"));
        response.on("aborted", () => settle("error"));
      });
      response.once("data", () => resolve({ ended }));
      response.resume();
    });
    request.on("error", reject);
  });
}

/** What SIGTERM did to a server with open streams. */
export interface SigtermOutcome {
  streams: number;
  /** Streams whose response ended properly (not cut). */
  ended: number;
  exitCode: number | null;
  /** From the signal to the process's exit. */
  exitMs: number;
}

/**
 * Starts the SSE example as its own process (`app.run()`), opens `count` event
 * streams on it, sends SIGTERM and reports how the streams and the process ended.
 * `app.run()` exits with 0 after a clean shutdown, with 1 when it had to cut it short at 5 s.
 */
export async function sigtermWithOpenStreams(count: number): Promise<SigtermOutcome> {
  const child = spawn(process.execPath, ["--import", "tsx", "examples/sse/app.ts"], {
    cwd: ROOT,
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", SSE_DELAY: "600" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    let stdout = "";
    child.stdout!.on("data", (chunk) => (stdout += chunk));
    const url = await waitFor(() => /serving (http:\/\/\S+)/.exec(stdout)?.[1], "the example's URL line", 60_000);
    const agent = new http.Agent({ maxSockets: Infinity });
    const streams = [];
    for (let opened = 0; opened < count; opened += 100) {
      const batch = Array.from({ length: Math.min(100, count - opened) }, () => openStream(new URL("/events", url), agent));
      streams.push(...(await Promise.all(batch)));
    }
    const exited = once(child, "exit") as Promise<[number | null]>;
    const signalled = performance.now();
    child.kill("SIGTERM");
    const [exitCode] = await exited;
    const exitMs = Math.round(performance.now() - signalled);
    const endings = await Promise.all(streams.map((stream) => stream.ended));
    agent.destroy();
    return { streams: count, ended: endings.filter((ending) => ending === "end").length, exitCode, exitMs };
  } finally {
    child.kill("SIGKILL");
  }
}

/** What happened to a stream whose client stopped reading. */
export interface StallOutcome {
  /** The generator's `finally` ran. */
  finalised: boolean;
  /** From the client's last read to the generator's end. */
  endedAfterMs: number;
  /** The server answered another request meanwhile. */
  serverAnswered: boolean;
}

/**
 * Serves a stream that sends as fast as the socket takes it to a client that
 * never reads: once the socket's buffers are full, the stall timeout must end
 * the stream and finish its generator.
 */
export async function stalledReader(stallTimeoutMs: number): Promise<StallOutcome> {
  let finalised = false;
  let finalisedAt = 0;
  const app = new App({ config: new AppConfig({ sseStallTimeoutMs: stallTimeoutMs, logger: silentLogger }) });
  app.route("/", () => "up");
  app.route("/flood", { referenced: true }, () => {
    async function* flood() {
      try {
        for (;;) yield "x".repeat(64 * 1024);
      } finally {
        finalised = true;
        finalisedAt = performance.now();
      }
    }
    return new EventStream(flood());
  });
  const listening = await app.listen({ port: 0 });
  const socket = net.connect(listening.port, "127.0.0.1");
  try {
    socket.write(`GET /flood HTTP/1.1\r\nHost: 127.0.0.1:${listening.port}\r\n\r\n`);
    await once(socket, "data");
    socket.pause();
    const stoppedReading = performance.now();
    const serverAnswered = (await fetch(listening.url)).status === 200;
    await waitFor(() => finalised, "the stalled stream's generator to be finished", stallTimeoutMs + 60_000);
    return { finalised, endedAfterMs: Math.round(finalisedAt - stoppedReading), serverAnswered };
  } finally {
    socket.destroy();
    await listening.close();
  }
}

/** How a server fared with many connections that sent part of a request and then nothing. */
export interface HalfOpenOutcome {
  connections: number;
  /** A normal request was answered while they were open. */
  answered: boolean;
  /** How long that request took. */
  answerMs: number;
  /** Connections the server had closed when the check ended (all of them once the headers timeout passed, when waited for). */
  closedByServer: number;
}

/**
 * Opens `count` connections to `listening` that send half a request's headers and
 * stop; checks that a normal request is still answered; with `waitForTimeout`,
 * waits until the server's headers timeout has closed every one of them.
 */
export async function halfOpenConnections(listening: Listening, count: number, waitForTimeout: boolean): Promise<HalfOpenOutcome> {
  let closedByServer = 0;
  const sockets = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Socket>((resolve, reject) => {
          const socket = net.connect(listening.port, "127.0.0.1", () => {
            socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${listening.port}\r\n`);
            resolve(socket);
          });
          socket.on("error", reject);
          socket.on("close", () => closedByServer++);
          // Read (and drop) what the server sends, so that its closing the connection is seen.
          socket.resume();
        }),
    ),
  );
  try {
    const started = performance.now();
    const answered = (await fetch(listening.url)).ok;
    const answerMs = Math.round(performance.now() - started);
    if (waitForTimeout) await waitFor(() => closedByServer === count, "the headers timeout to close the half-open connections", 120_000);
    return { connections: count, answered, answerMs, closedByServer };
  } finally {
    for (const socket of sockets) socket.destroy();
  }
}
