/**
 * `npm run bench [-- --quick]`: measures chirp's hot paths against raw node:http and
 * peer libraries in the same run, each server in its own process, the load from this
 * one. Rounds are interleaved: every round starts each server once (the docs server,
 * compared with nothing, once for the whole run) and runs all of its measurements, so a
 * noisy moment on the machine hits every server alike; each figure is the median of the
 * rounds. Prints the tables and a verdict on issue 10's targets; a full run also writes
 * them to bench/results.md. `--only <word>` runs only the sections whose title holds
 * the word. Ends by printing where the time went and the total.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { App, AppConfig, EventStream, silentLogger } from "chirp";
import { eventLatency, fanOut, flood, idleCost, requestsPerSecond, WARM_UP_SECONDS } from "./clients.ts";
import { REDIS_TITLE, redisFanOut } from "./redis-fan-out.ts";

const QUICK = process.argv.includes("--quick");
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 1 : 2));
const ROUNDS = QUICK ? 3 : 5;
const SSE_EVENTS = 50_000;
const FLOOD_EVENTS = QUICK ? 50_000 : 200_000;
const LATENCY_EVENTS = 50;
const FAN_OUT_STREAMS = QUICK ? [1_000] : [1_000, 5_000, 10_000];
const IDLE_STREAMS = QUICK ? 1_000 : 10_000;
const IDLE_SECONDS = QUICK ? 5 : 30;
/** `--only <word>` measures only the sections whose title holds the word (e.g. `--only Idle`). */
const ONLY = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
const DOCS_PAGE = "/docs/concepts/server-sent-events/";
const here = import.meta.dirname;
const root = path.join(here, "..");

/** One row group of the results: which servers it loads and how. */
interface Section {
  title: string;
  /** Target names, in table order; the first is the reference of the ratio column. */
  targets: string[];
  /** Column headers after the server name, the ratio column aside. */
  columns: string[];
  /** Measures one target once; the first figure is the one the ratio column divides by the reference's. */
  run(url: string, pid: number): Promise<number[]>;
  /** Measured only in this many of the rounds (the first ones); default all. */
  rounds?: number;
  /** How the figures print. */
  format?: (value: number, column: number) => string;
  /** What issue 10 asks of chirp here; the run ends with a table of these. */
  goal?: Goal;
}

/** A bound on chirp's first figure in a section: on its ratio to the reference's, or on the figure itself. */
interface Goal {
  /** The path, as the summary names it. */
  path: string;
  of: "ratio" | "value";
  atLeast?: number;
  atMost?: number;
}

const whole = (value: number) => Math.round(value).toLocaleString("en-US");
/** A duration given in milliseconds, as minutes and seconds: `4 min 05 s`. */
const duration = (ms: number) => {
  const total = Math.round(ms / 1000);
  return total < 60 ? `${total} s` : `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, "0")} s`;
};
const ms = (value: number) => value.toFixed(2);

const ALL_SECTIONS: Section[] = [
  {
    title: "A small HTML page (`GET /`), 50 connections",
    goal: { path: "a small HTML page, requests/s", of: "ratio", atLeast: 0.95 },
    targets: QUICK ? ["node:http", "chirp"] : ["node:http", "chirp", "express", "hono"],
    columns: ["requests/s", "p99 ms", "server CPU µs/request"],
    run: async (url, pid) => Object.values(await requestsPerSecond(url, SECONDS, pid)),
  },
  {
    title: "A Nunjucks template with a 20-item loop (`GET /page`), 50 connections",
    goal: { path: "a Nunjucks page, requests/s", of: "ratio", atLeast: 0.95 },
    targets: ["node:http", "chirp"],
    columns: ["requests/s", "p99 ms", "server CPU µs/request"],
    run: async (url, pid) => Object.values(await requestsPerSecond(new URL("/page", url).href, SECONDS, pid)),
  },
  {
    title: `SSE throughput: ${whole(SSE_EVENTS)} string events from an async generator to one client`,
    targets: QUICK ? ["node:http", "chirp"] : ["node:http", "chirp", "better-sse"],
    columns: ["events/s", "server CPU µs/event"],
    run: async (url, pid) => Object.values(await flood(new URL(`/sse?n=${SSE_EVENTS}`, url).href, SSE_EVENTS, pid)),
  },
  {
    title: `SSEEvent flood: ${whole(FLOOD_EVENTS)} events of about 100 bytes (event, id, data), one stream`,
    goal: { path: "`SSEEvent` flood, events/s", of: "ratio", atLeast: 1 },
    targets: ["node:http", "chirp"],
    columns: ["events/s", "server CPU µs/event"],
    run: async (url, pid) => Object.values(await flood(new URL(`/events?n=${FLOOD_EVENTS}`, url).href, FLOOD_EVENTS, pid)),
  },
  {
    title: `Fragment flood: ${whole(FLOOD_EVENTS)} Fragments of a one-line block, one stream (node:http writes the same bytes with a string template)`,
    goal: { path: "`Fragment` flood, events/s", of: "ratio", atLeast: 0.8 },
    targets: ["node:http", "chirp"],
    columns: ["events/s", "server CPU µs/event"],
    run: async (url, pid) => Object.values(await flood(new URL(`/fragments?n=${FLOOD_EVENTS}`, url).href, FLOOD_EVENTS, pid)),
  },
  {
    title: `Single-event latency: one event every 20 ms on an otherwise idle stream, sent → received (${LATENCY_EVENTS - 1} samples a round; a ratio above 1 is slower)`,
    goal: { path: "one event on an idle stream, p50 ms", of: "value", atMost: 1 },
    targets: ["node:http", "chirp"],
    columns: ["p50 ms", "p99 ms"],
    run: async (url) => Object.values(await eventLatency(new URL(`/latency?n=${LATENCY_EVENTS}&every=20`, url).href)),
    format: (value) => ms(value),
  },
  ...FAN_OUT_STREAMS.map(
    (streams): Section => ({
      title: `Fan-out: one broadcast to ${whole(streams)} open streams (chirp: a \`Channel\`), delivery as the client saw it (5 broadcasts a round; a ratio above 1 is slower)`,
      goal: { path: `broadcast to ${whole(streams)} streams, p99`, of: "ratio", atMost: 1.25 },
      targets: QUICK ? ["node:http", "chirp"] : ["node:http", "chirp", "better-sse"],
      columns: ["p99 ms", "p50 ms", "server KB/stream", "server CPU ms/broadcast"],
      rounds: QUICK ? 1 : 3,
      run: async (url, pid) => {
        const { p99Ms, p50Ms, kbPerStream, cpuMsPerBroadcast } = await fanOut(url, streams, pid);
        return [p99Ms, p50Ms, kbPerStream, cpuMsPerBroadcast];
      },
      format: (value, column) => (column === 2 || column === 3 ? value.toFixed(1) : ms(value)),
    }),
  ),
  {
    title: `Idle cost: ${whole(IDLE_STREAMS)} open streams sending nothing but a heartbeat every 15 s, watched for ${IDLE_SECONDS} s`,
    targets: QUICK ? ["node:http", "chirp"] : ["node:http", "chirp", "better-sse"],
    columns: ["server CPU ms/s", "server KB/stream", "heartbeat bytes/stream"],
    rounds: 1,
    run: async (url, pid) => Object.values(await idleCost(url, IDLE_STREAMS, pid, IDLE_SECONDS)),
    format: (value, column) => value.toFixed(column === 0 ? 2 : 1),
  },
  {
    title: `The docs app: a docs page (\`GET ${DOCS_PAGE}\`) and its Markdown twin, 50 connections`,
    targets: ["docs"],
    columns: ["page requests/s", "p99 ms", "CPU µs/request", ".md requests/s", "p99 ms", "CPU µs/request"],
    rounds: QUICK ? 1 : 3,
    run: async (url, pid) => [
      ...Object.values(await requestsPerSecond(new URL(DOCS_PAGE, url).href, SECONDS, pid)),
      ...Object.values(await requestsPerSecond(new URL(`${DOCS_PAGE.slice(0, -1)}.md`, url).href, SECONDS, pid)),
    ],
    format: (value, column) => (column % 3 === 0 ? whole(value) : column % 3 === 1 ? String(value) : whole(value)),
  },
];

const SECTIONS = ONLY === undefined ? ALL_SECTIONS : ALL_SECTIONS.filter((section) => section.title.includes(ONLY));
/**
 * Targets compared with no other server, so one process serves all their rounds: the
 * docs server takes seconds to start (it loads every page), a cost no figure needs.
 * Every other target starts afresh in each round.
 */
const STARTED_ONCE = new Set(["docs"]);

async function startTarget(name: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(here, "target.ts"), name], { stdio: ["ignore", "pipe", "inherit"] });
  // The URL is the first line that is one; anything a target prints before it (the docs build) passes through.
  const url = await new Promise<string>((resolve, reject) => {
    let text = "";
    const read = (chunk: Buffer) => {
      text += chunk.toString();
      const found = /^http:\/\/\S+$/m.exec(text);
      if (!found) return;
      child.stdout!.off("data", read);
      resolve(found[0]);
    };
    child.stdout!.on("data", read);
    child.once("exit", (code) => reject(new Error(`target ${name} exited with ${code}: ${text}`)));
  });
  return { url, child };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A free loopback port, for a server that takes its port from the environment. */
function freePort(): Promise<number> {
  const server = net.createServer();
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    }),
  );
}

/** Milliseconds from starting the docs server as `npm start` does (`tsx server/main.ts`) to its first 200 on `/`. */
async function coldStart(): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "server/main.ts")], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: "ignore",
  });
  try {
    for (;;) {
      const status = await fetch(`http://127.0.0.1:${port}/`).then((response) => response.status, () => 0);
      if (status === 200) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`the docs server exited with ${child.exitCode} before answering`);
      await sleep(10);
    }
  } finally {
    child.kill();
  }
}

/** Median milliseconds from a client's disconnect to the stream generator's `finally`, in this process. */
async function disconnectLatency(): Promise<number> {
  let finishedAt = 0;
  const app = new App({ config: new AppConfig({ logger: silentLogger }) });
  app.route("/s", (req) => new EventStream((async function* () {
    try {
      yield "hello";
      await sleep(60_000, undefined, { signal: req.signal });
    } finally {
      finishedAt = performance.now();
    }
  })()));
  const server = await app.listen({ port: 0 });
  const samples: number[] = [];
  for (let i = 0; i < 30; i++) {
    finishedAt = 0;
    const controller = new AbortController();
    const response = await fetch(new URL("/s", server.url), { signal: controller.signal });
    await response.body!.getReader().read();
    const abortedAt = performance.now();
    controller.abort();
    while (!finishedAt) await sleep(1);
    samples.push(finishedAt - abortedAt);
  }
  await server.close();
  return median(samples);
}

const lines: string[] = [];
const log = (line = "") => {
  lines.push(line);
  console.log(line);
};
const load = () => os.loadavg()[0]!.toFixed(1);
const benchStarted = performance.now();
const loadAtStart = load();

/** Seconds spent so far on each part of the run (a section, starting targets, cold start), to keep the run's length in check. */
const spent = new Map<string, number>();
async function timed<T>(part: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    spent.set(part, (spent.get(part) ?? 0) + (performance.now() - started) / 1000);
  }
}

// samples[section][target] = one array of figures per round
const samples = SECTIONS.map((section) => new Map(section.targets.map((name) => [name, [] as number[][]])));
const targetNames = [...new Set(SECTIONS.flatMap((section) => section.targets))];
const kept = new Map<string, { url: string; child: ChildProcess }>();
for (let round = 0; round < ROUNDS; round++) {
  for (const name of targetNames) {
    const due = [...SECTIONS.entries()].filter(([, section]) => section.targets.includes(name) && round < (section.rounds ?? ROUNDS));
    if (due.length === 0) continue;
    const { url, child } = kept.get(name) ?? (await timed("starting the servers", () => startTarget(name)));
    if (STARTED_ONCE.has(name)) kept.set(name, { url, child });
    try {
      for (const [index, section] of due) samples[index]!.get(name)!.push(await timed(section.title, () => section.run(url, child.pid!)));
    } finally {
      if (!kept.has(name)) child.kill();
    }
  }
  console.error(`round ${round + 1} of ${ROUNDS} done (load ${load()}, ${duration(performance.now() - benchStarted)} so far)`);
}
for (const { child } of kept.values()) child.kill();
const scaleOut = ONLY === undefined || REDIS_TITLE.toLowerCase().includes(ONLY.toLowerCase()) ? await timed(REDIS_TITLE, () => redisFanOut(QUICK)) : [];
const coldStarts: number[] = [];
for (let i = 0; i < (ONLY !== undefined ? 0 : QUICK ? 1 : 3); i++) coldStarts.push(await timed("cold start", coldStart));
const disconnect = ONLY !== undefined ? undefined : await timed("disconnect clean-up", disconnectLatency);
const loadAtEnd = load();

log(`# Benchmarks\n`);
log(
  `\`npm run bench${QUICK ? " -- --quick" : ""}\` on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
    `Node ${process.version}, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${duration(performance.now() - benchStarted)}.`,
);
log(`Machine load (1-minute average) ${loadAtStart} at the start and ${loadAtEnd} at the end.`);
log(
  `Servers run in their own process; the load comes from the bench process (autocannon for requests: ${SECONDS} s after a ${WARM_UP_SECONDS} s warm-up). ` +
    `Each figure is the median of ${ROUNDS} interleaved rounds (fan-out and the docs app: of the first ${QUICK ? 1 : 3}, one docs server serving them all; idle cost: one round); ratios compare figures of the same run. ` +
    "Server CPU is read from /proc for the server's process while it is loaded: it counts only that server's work, so it is steadier than rates on a busy machine.\n",
);
/** The median of each of a target's figures in a section. */
function figures(index: number, name: string): number[] {
  const rounds = samples[index]!.get(name)!;
  return SECTIONS[index]!.columns.map((_, column) => median(rounds.map((round) => round[column]!)));
}

for (const [index, section] of SECTIONS.entries()) {
  const reference = figures(index, section.targets[0]!)[0]!;
  const ratio = section.targets.length > 1;
  log(`## ${section.title}\n`);
  log(`| server | ${section.columns.join(" | ")} |${ratio ? ` vs ${section.targets[0]} |` : ""}`);
  log(`| --- |${" ---: |".repeat(section.columns.length + (ratio ? 1 : 0))}`);
  for (const name of section.targets) {
    const own = figures(index, name);
    const shown = own.map((value, column) => (section.format ?? ((figure, at) => (at === 0 ? whole(figure) : figure.toFixed(2))))(value, column));
    const vs = own[0]! / reference;
    log(`| ${name} | ${shown.join(" | ")} |${ratio ? ` ${vs.toFixed(2)} |` : ""}`);
  }
  log();
}
for (const line of scaleOut) log(line);
if (disconnect !== undefined) {
  log(`## Cold start\n`);
  log(`\`tsx server/main.ts\` (what \`npm start\` runs) to its first 200 on \`/\`: median ${whole(median(coldStarts))} ms of ${coldStarts.length}.\n`);
  log(`## Disconnect clean-up\n`);
  log(`Median time from a client's abort to the generator's \`finally\` (30 samples, loopback): ${disconnect.toFixed(2)} ms.\n`);
}

const goals = [...SECTIONS.entries()].filter(([, section]) => section.goal && section.targets.includes("chirp"));
if (goals.length > 0) {
  log(`## Against issue 10's targets\n`);
  log("Each bound is on chirp's first figure (its ratio to node:http's, or the figure itself); next to it, the ratio of the server CPU time chirp spends per request or event to node:http's (lower is better), which a busy machine disturbs less.\n");
  log("| path | target | chirp | server CPU vs node:http | met |");
  log("| --- | --- | ---: | ---: | --- |");
  for (const [index, { goal, targets, columns }] of goals) {
    const { path: name, of, atLeast, atMost } = goal!;
    const [chirp, reference] = [figures(index, "chirp"), figures(index, targets[0]!)];
    const figure = of === "ratio" ? chirp[0]! / reference[0]! : chirp[0]!;
    const cpu = columns.findIndex((column) => column.includes("CPU"));
    const bound = atLeast !== undefined ? `≥ ${atLeast}` : `≤ ${atMost}`;
    const met = (atLeast === undefined || figure >= atLeast) && (atMost === undefined || figure <= atMost);
    log(
      `| ${name} | ${bound}${of === "ratio" ? `× ${targets[0]}` : ""} | ${figure.toFixed(2)}${of === "ratio" ? "×" : ""} | ` +
        `${cpu === -1 ? "" : `${(chirp[cpu]! / reference[cpu]!).toFixed(2)}×`} | ${met ? "yes" : "**no**"} |`,
    );
  }
}

if (!QUICK && ONLY === undefined) writeFileSync(path.join(here, "results.md"), `${lines.join("\n")}\n`);
console.error("\nwhere the time went:");
for (const [part, partSeconds] of [...spent].sort((a, b) => b[1] - a[1])) console.error(`  ${duration(partSeconds * 1000).padStart(10)}  ${part.length > 80 ? `${part.slice(0, 79)}…` : part}`);
console.error(`total ${duration(performance.now() - benchStarted)} (load ${loadAtStart} at the start, ${loadAtEnd} at the end)`);
