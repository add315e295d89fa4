/**
 * `npm run soak`: the long load and fault tests (the short ones are in `npm test`).
 * The docs server runs as its own process, as `npm start` starts it; from here come
 * 30 s of mixed load (pages, `.md` twins, the search index, llms.txt) while 1,000
 * event streams of a running example stay open, then the faults: SIGTERM with
 * 1,000 open streams, a stalled reader, 500 half-open connections, and bad input.
 * Prints a summary table and writes it to bench/soak.md. SOAK_SECONDS changes the load's length.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import autocannon from "autocannon";
import { App, AppConfig, silentLogger } from "chirp";
import { halfOpenConnections, sigtermWithOpenStreams, stalledReader } from "../tests/support/faults.ts";
import { waitFor } from "../tests/support/wait-for.ts";
import { loopbackLookup } from "../tests/support/loopback-fetch.ts";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 30);
const STREAMS = 1_000;
const ROOT = path.join(import.meta.dirname, "..");
const PAGES = ["/", "/docs/get-started/", "/docs/concepts/server-sent-events/", "/docs/examples/sse/", "/docs/reference/app/"];
/** The events of one complete stream of the SSE example: status, four notifications, close. */
const EVENTS_PER_STREAM = 6;

/** Resident memory of a process, in MB. */
function residentMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return line ? Number(line[1]) / 1024 : 0;
}

/** Starts the docs server as `npm start` does, on a free port; resolves to its URL and process. */
async function startDocsServer() {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  const url = await waitFor(() => /serving (http:\/\/\S+)/.exec(stdout)?.[1], "the docs server's URL line", 180_000);
  return { url, child };
}

/** What the page's own requests carry; the run API answers nothing else (the soak drives it as the page would). */
function pageHeaders(url: string, token?: string): Record<string, string> {
  const origin = new URL(url).origin;
  return { origin, "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors", "content-type": "application/json", ...(token ? { "x-chirp-token": token } : {}) };
}

/** Starts a run of the SSE example and keeps its feed open (a run ends once no page watches it). */
async function startExampleRun(docs: string): Promise<{ url: string; close(): void; ended(): string | undefined }> {
  const session = (await (await fetch(new URL("/api/playground", docs), { headers: pageHeaders(docs) })).json()) as { token: string };
  const answer = await fetch(new URL("/api/runs", docs), { method: "POST", headers: pageHeaders(docs, session.token), body: JSON.stringify({ example: "sse" }) });
  if (answer.status !== 201) throw new Error(`the example run did not start: ${answer.status} ${await answer.text()}`);
  const { id, url } = (await answer.json()) as { id: string; url: string };
  const feed = new AbortController();
  let exit: string | undefined;
  void fetch(new URL(`/api/runs/${id}/feed?token=${session.token}`, docs), { headers: pageHeaders(docs), signal: feed.signal })
    .then((response) =>
      response.body?.pipeThrough(new TextDecoderStream()).pipeTo(
        new WritableStream({
          write: (text) => void (exit ??= /"type":"exit".*?"message":"([^"]*)"/.exec(text)?.[1]),
        }),
      ),
    )
    .catch(() => {});
  return { url, close: () => feed.abort(), ended: () => exit };
}

/** Streams of one example run, reopened as each ends (as EventSource would), counting complete and broken ones. */
function keepStreamsOpen(runUrl: string, count: number) {
  // The run is at <run-id>.run.localhost, a name browsers resolve to loopback and Node may not.
  const agent = new http.Agent({ maxSockets: Infinity, lookup: loopbackLookup });
  const tally = { opened: 0, complete: 0, broken: 0, events: 0 };
  let stopping = false;
  const open = () => {
    if (stopping) return;
    http
      .get(new URL("/events", runUrl), { agent }, (response) => {
        let events = 0;
        let tail = "";
        response.setEncoding("utf8");
        response.once("data", () => tally.opened++);
        response.on("data", (chunk: string) => {
          const text = tail + chunk;
          const arrived = text.split("\n\n").length - 1;
          events += arrived;
          tally.events += arrived;
          tail = text.slice(text.lastIndexOf("\n\n") + 2);
        });
        response.on("end", () => {
          if (events === EVENTS_PER_STREAM) tally.complete++;
          else tally.broken++;
          open();
        });
        response.on("error", () => !stopping && tally.broken++);
      })
      .on("error", () => {
        if (!stopping) tally.broken++;
        setTimeout(open, 100);
      });
  };
  for (let index = 0; index < count; index++) open();
  return {
    tally,
    stop() {
      stopping = true;
      agent.destroy();
    },
  };
}

/** Requests a hostile client sends: each must get a 4xx, and the server must keep answering. */
const BAD_REQUESTS: { path: string; headers?: Record<string, string> }[] = [
  { path: "/docs/%2e%2e/%2e%2e/package.json" },
  { path: "/assets/..%2f..%2fpackage.json" },
  { path: "/assets/..%5c..%5cpackage.json" },
  { path: "/_chirp/..%2f..%2fpackage.json" },
  { path: "/_chirp/htmx.min.js%00.md" },
  { path: "/docs/get-started%00.md" },
  { path: "/api/examples/..%2f..%2fserver" },
  { path: "/api/examples/sse", headers: { host: "evil.example" } },
  { path: "/api/playground", headers: { origin: "http://evil.example", "sec-fetch-site": "cross-site", "sec-fetch-mode": "cors" } },
  { path: "/api/playground" },
  { path: "/", headers: { "x-huge": "x".repeat(64 * 1024) } },
];

/** Sends each bad request with exactly its headers; resolves to the statuses. */
async function tryBadInputs(docs: string): Promise<number[]> {
  const { host } = new URL(docs);
  return Promise.all(
    BAD_REQUESTS.map(
      (bad) =>
        new Promise<number>((resolve) => {
          const request = http.get(new URL(bad.path, docs), { headers: { host, ...bad.headers } }, (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          });
          request.on("error", () => resolve(0));
        }),
    ),
  );
}

/** An in-process chirp app for the half-open check (the headers timeout is the framework's). */
async function plainApp() {
  const app = new App({ config: new AppConfig({ logger: silentLogger }) });
  app.route("/", () => "up");
  return app.listen({ port: 0 });
}

const { url: docs, child: docsProcess } = await startDocsServer();
const rows: [string, string, string][] = [];
try {
  const run = await startExampleRun(docs);
  const streams = keepStreamsOpen(run.url, STREAMS);
  let peakMb = 0;
  const memory = setInterval(() => (peakMb = Math.max(peakMb, residentMb(docsProcess.pid!))), 250);
  const startMb = residentMb(docsProcess.pid!);
  const requests = [...PAGES, ...PAGES.filter((page) => page !== "/").map((page) => `${page.slice(0, -1)}.md`), "/search-index.json", "/llms.txt"].map((page) => ({ path: page }));
  const load = await autocannon({ url: docs, connections: 20, duration: SECONDS, requests });
  clearInterval(memory);
  streams.stop();
  run.close();
  const errors = load.errors + load.non2xx + load.timeouts;
  rows.push(["load held", errors === 0 ? "yes" : "NO", `${load.requests.total} requests in ${SECONDS} s, ${errors} errors, p99 ${load.latency.p99} ms; docs server ${Math.round(startMb)} → peak ${Math.round(peakMb)} MB resident`]);
  const { opened, complete, broken, events } = streams.tally;
  rows.push(["open example streams", `${STREAMS} at once`, `${opened} opened, ${complete} complete (6 events each), ${broken} broken, ${events} events; the run ${run.ended() ?? "kept running"}`]);

  const statuses = await tryBadInputs(docs);
  const refused = statuses.filter((status) => status >= 400 && status < 500).length;
  const stillServing = (await fetch(docs)).ok;
  rows.push(["bad inputs tried", `${BAD_REQUESTS.length}`, `${refused} refused with 4xx (${statuses.join(", ")}); the server answers after them: ${stillServing ? "yes" : "NO"}`]);

  const sigterm = await sigtermWithOpenStreams(STREAMS);
  rows.push(["SIGTERM, 1,000 open streams", sigterm.ended === sigterm.streams && sigterm.exitCode === 0 ? "survived" : "FAILED", `${sigterm.ended}/${sigterm.streams} streams ended properly, exit code ${sigterm.exitCode} after ${sigterm.exitMs} ms`]);

  const stall = await stalledReader(1_000);
  rows.push(["stalled reader (1 s stall timeout)", stall.finalised ? "survived" : "FAILED", `ended ${stall.endedAfterMs} ms after the client stopped reading, generator finished, other requests answered: ${stall.serverAnswered ? "yes" : "no"}`]);

  const plain = await plainApp();
  const halfOpen = await halfOpenConnections(plain, 500, true);
  await plain.close();
  rows.push(["500 half-open connections", halfOpen.answered ? "survived" : "FAILED", `a request answered in ${halfOpen.answerMs} ms meanwhile; ${halfOpen.closedByServer} closed by the headers timeout`]);

  const lost = streams.tally.broken + (sigterm.streams - sigterm.ended);
  rows.push(["data lost", `${lost}`, "broken example streams plus streams cut at SIGTERM"]);
} finally {
  docsProcess.kill("SIGTERM");
  await once(docsProcess, "exit");
}

const table = ["| check | result | detail |", "| --- | --- | --- |", ...rows.map((row) => `| ${row.join(" | ")} |`)].join("\n");
console.log(`\n${table}\n`);
writeFileSync(
  path.join(import.meta.dirname, "soak.md"),
  `# Soak: load and faults\n\n\`npm run soak\` on ${new Date().toISOString().slice(0, 10)} (${SECONDS} s of load; the machine was shared, so latency figures are an upper bound).\n\n${table}\n`,
);
process.exit(rows.some((row) => /NO|FAILED/.test(row[1]) || (row[0] === "data lost" && row[1] !== "0")) ? 1 : 0);
