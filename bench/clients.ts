/**
 * The load side of `npm run bench`: each function loads one target from this
 * process and returns what it measured. The targets run in their own processes.
 */
import http from "node:http";
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

/** Requests per second and the 99th percentile latency of one URL under 50 connections, with the server's CPU time per request. */
export interface Throughput {
  perSecond: number;
  p99Ms: number;
  cpuUsPerRequest: number;
}

/** Seconds of load before a measurement, for the server's code to be compiled and its caches filled (10,000 requests or so). */
export const WARM_UP_SECONDS = 0.5;

/** Loads `url` with autocannon for `seconds` after a warm-up. */
export async function requestsPerSecond(url: string, seconds: number, serverPid: number): Promise<Throughput> {
  await autocannon({ url, connections: 50, duration: WARM_UP_SECONDS });
  const cpuBefore = cpuMs(serverPid);
  const result = await autocannon({ url, connections: 50, duration: seconds });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { perSecond: result.requests.average, p99Ms: result.latency.p99, cpuUsPerRequest: ((cpuMs(serverPid) - cpuBefore) * 1000) / result.requests.total };
}

/** CPU time (user + system) a process has used so far, in milliseconds (Linux, 10 ms steps). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
}

/** A flood as the client saw it, with the server's CPU time per event. */
export interface Flood {
  perSecond: number;
  /** Server CPU microseconds per event. */
  cpuUsPerEvent: number;
}

/**
 * Reads one event stream of `events` events from `url` as fast as it comes,
 * counting events (blank lines) without parsing them, and checks the count.
 */
export async function flood(url: string, events: number, serverPid: number): Promise<Flood> {
  const cpuBefore = cpuMs(serverPid);
  const started = performance.now();
  const received = await new Promise<number>((resolve, reject) => {
    http.get(url, (response) => {
      let count = 0;
      let endedWithLineBreak = false;
      response.on("data", (chunk: Buffer) => {
        let at = chunk.indexOf(10);
        if (endedWithLineBreak && at === 0) count++;
        while (at !== -1) {
          const next = chunk.indexOf(10, at + 1);
          if (next === at + 1) count++;
          at = next;
        }
        endedWithLineBreak = chunk[chunk.length - 1] === 10;
      });
      response.on("end", () => resolve(count));
      response.on("error", reject);
    }).on("error", reject);
  });
  const seconds = (performance.now() - started) / 1000;
  if (received !== events) throw new Error(`${url}: ${received} events instead of ${events}`);
  return { perSecond: events / seconds, cpuUsPerEvent: ((cpuMs(serverPid) - cpuBefore) * 1000) / events };
}

/** Delivery times of single events on an otherwise idle stream. */
export interface Latency {
  p50Ms: number;
  p99Ms: number;
}

/**
 * Opens `url`, whose events each carry the moment they were sent, and measures how
 * long each took to arrive. The first event is left out (the connection was new).
 */
export async function eventLatency(url: string): Promise<Latency> {
  const delays = await new Promise<number[]>((resolve, reject) => {
    http.get(url, (response) => {
      const found: number[] = [];
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        const arrived = performance.timeOrigin + performance.now();
        text += chunk;
        for (let end = text.indexOf("\n\n"); end !== -1; end = text.indexOf("\n\n")) {
          const sent = Number(/^data: ?"?([\d.]+)/m.exec(text.slice(0, end))?.[1]);
          if (Number.isFinite(sent)) found.push(arrived - sent);
          text = text.slice(end + 2);
        }
      });
      response.on("end", () => resolve(found.slice(1)));
      response.on("error", reject);
    }).on("error", reject);
  });
  if (delays.length === 0) throw new Error(`${url}: no events`);
  return { p50Ms: percentile(delays, 0.5), p99Ms: percentile(delays, 0.99) };
}

/** The value below which `share` of `values` lie (nearest rank). */
export function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

/** Resident memory of a process, in kilobytes (Linux). */
export function rssKb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
}

/** Delivery of broadcasts to many open streams, and what the streams cost the server. */
export interface FanOut extends Latency {
  /** Server memory per open stream, in kilobytes (resident memory before and after opening them). */
  kbPerStream: number;
  /** Server CPU time per broadcast, in milliseconds (all servers' together), from the broadcast request to its last delivery. */
  cpuMsPerBroadcast: number;
}

/** Polls `condition` until it holds; fails with `what` after `ms`. */
async function until(condition: () => Promise<boolean>, what: string, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`never saw ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Opens `streams` event streams on `/fanout` (in batches, so the listen backlog
 * holds), waits until the server counts them all, then asks for `broadcasts`
 * broadcasts one after another; every event carries the moment it was sent, and
 * each stream's arrival time of each event is one sample.
 */
export function fanOut(base: string, streams: number, serverPid: number, broadcasts = 5): Promise<FanOut> {
  return fanOutAcross([{ url: base, pid: serverPid }], streams, { broadcasts });
}

/** A server process of a fan-out: where it listens and its pid. */
export interface FanOutServer {
  url: string;
  pid: number;
}

/**
 * The text `url` answers, on a connection of its own: a kept-alive one could be closed by
 * the server while a broadcast keeps it busy, and fail the next request.
 */
function textOf(url: URL): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve(text));
      response.on("error", reject);
    }).on("error", reject);
  });
}

/** How many streams `servers` count together on `/subscribers`. */
async function subscribers(servers: FanOutServer[]): Promise<number> {
  const counts = await Promise.all(servers.map(async (server) => Number(await textOf(new URL("/subscribers", server.url)))));
  return counts.reduce((sum, count) => sum + count, 0);
}

/**
 * {@link fanOut} across processes that share their channel: opens `streams` streams on
 * each of `servers` (or all of them at `via`, a proxy in front), waits until the servers
 * together count them, and broadcasts from the first; memory per stream is summed over the servers.
 */
export async function fanOutAcross(servers: FanOutServer[], streams: number, { broadcasts = 5, via }: { broadcasts?: number; via?: string } = {}): Promise<FanOut> {
  const total = via ? streams : streams * servers.length;
  const delays: number[] = [];
  let waiting: { count: number; done: () => void } | undefined;
  const rssBefore = servers.map((server) => rssKb(server.pid));
  const onData = (chunk: string) => {
    const arrived = performance.timeOrigin + performance.now();
    for (const [, sent] of chunk.matchAll(/^data: ?"?([\d.]+)/gm)) delays.push(arrived - Number(sent));
    if (waiting && delays.length >= waiting.count) waiting.done();
  };
  const opened = await Promise.all((via ? [via] : servers.map((server) => server.url)).map((base) => openStreams(new URL("/fanout", base).href, streams, onData)));
  try {
    await until(async () => (await subscribers(servers)) === total, `${total} subscribers`, 60_000);
    const kbPerStream = servers.reduce((sum, server, index) => sum + rssKb(server.pid) - rssBefore[index]!, 0) / total;
    const serversCpuMs = () => servers.reduce((sum, server) => sum + cpuMs(server.pid), 0);
    const cpuBefore = serversCpuMs();
    for (let round = 1; round <= broadcasts; round++) {
      const arrived = new Promise<void>((resolve) => (waiting = { count: round * total, done: resolve }));
      await textOf(new URL("/broadcast", servers[0]!.url));
      await Promise.race([arrived, new Promise((_, reject) => setTimeout(() => reject(new Error(`broadcast ${round} reached ${delays.length - (round - 1) * total} of ${total} streams`)), 60_000).unref())]);
    }
    return { p50Ms: percentile(delays, 0.5), p99Ms: percentile(delays, 0.99), kbPerStream, cpuMsPerBroadcast: (serversCpuMs() - cpuBefore) / broadcasts };
  } finally {
    for (const open of opened) open.close();
  }
}

/**
 * Opens `count` event streams on `url`, 500 at a time so the listen backlog holds,
 * and resolves once every one has its response headers; `onData` gets each chunk of text.
 */
async function openStreams(url: string, count: number, onData: (chunk: string) => void): Promise<{ close(): void }> {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const requests: http.ClientRequest[] = [];
  const close = () => {
    for (const request of requests) request.destroy();
    agent.destroy();
  };
  try {
    for (let opened = 0; opened < count; opened += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, count - opened) }, () =>
          new Promise<void>((resolve, reject) => {
            const request = http.get(url, { agent }, (response) => {
              response.setEncoding("utf8");
              response.on("data", onData);
              resolve();
            });
            request.on("error", reject);
            requests.push(request);
          }),
        ),
      );
    }
  } catch (error) {
    close();
    throw error;
  }
  return { close };
}

/** What idle streams cost a server. */
export interface IdleCost {
  /** Server CPU per second of idling, in milliseconds (1,000 would be a whole core). */
  cpuMsPerSecond: number;
  kbPerStream: number;
  /** Bytes the client received per stream while they idled (the heartbeats). */
  bytesPerStream: number;
}

/** Opens `streams` streams on `/idle`, where nothing but heartbeats is sent, and watches the server for `seconds`. */
export async function idleCost(base: string, streams: number, serverPid: number, seconds: number): Promise<IdleCost> {
  const rssBefore = rssKb(serverPid);
  let bytes = 0;
  const open = await openStreams(new URL("/idle", base).href, streams, (chunk) => (bytes += chunk.length));
  try {
    const kbPerStream = (rssKb(serverPid) - rssBefore) / streams;
    const [cpuBefore, bytesBefore] = [cpuMs(serverPid), bytes];
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    return { cpuMsPerSecond: (cpuMs(serverPid) - cpuBefore) / seconds, kbPerStream, bytesPerStream: (bytes - bytesBefore) / streams };
  } finally {
    open.close();
  }
}
