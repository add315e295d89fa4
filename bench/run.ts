/**
 * `npm run bench`: measures chirp's hot paths against raw node:http and peer libraries
 * in the same run, each server in its own process, the load from this one.
 * Writes the table to bench/results.md (and prints it).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { App, AppConfig, EventStream, silentLogger } from "chirp";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SSE_EVENTS = 50_000;
const ROUNDS = 5;
const here = import.meta.dirname;

async function startTarget(name: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(here, "target.ts"), name], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once("exit", (code) => reject(new Error(`target ${name} exited with ${code}`)));
  });
  return { url, child };
}

async function requestsPerSecond(url: string): Promise<number> {
  await autocannon({ url, connections: 50, duration: 1 }); // warm-up
  const result = await autocannon({ url, connections: 50, duration: SECONDS });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result.requests.average;
}

/** Events per second one client receives from `/sse?n=…`. */
async function eventsPerSecond(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(new URL(`/sse?n=${SSE_EVENTS}`, url));
  const text = await response.text();
  const received = text.match(/^data: ?"?tick \d+"?$/gm)?.length ?? 0; // better-sse sends JSON data without the space
  if (received !== SSE_EVENTS) throw new Error(`${url}: ${received} events instead of ${SSE_EVENTS} (status ${response.status}: ${JSON.stringify(text.slice(0, 120))})`);
  return SSE_EVENTS / ((performance.now() - started) / 1000);
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
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

/**
 * Measures every target `ROUNDS` times, the targets interleaved within each round so
 * that a noisy moment on the machine hits them alike, and keeps each target's median.
 */
async function measure(names: string[], run: (url: string) => Promise<number>): Promise<Map<string, number>> {
  const samples = new Map<string, number[]>(names.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of names) {
      const { url, child } = await startTarget(name);
      try {
        samples.get(name)!.push(await run(url));
      } finally {
        child.kill();
      }
    }
  }
  return new Map([...samples].map(([name, values]) => [name, median(values)]));
}

const fmt = (value: number) => Math.round(value).toLocaleString("en-US");
const lines: string[] = [];
const log = (line = "") => {
  lines.push(line);
  console.log(line);
};

log(`# Benchmarks\n`);
log(`\`npm run bench\` on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`);
log(`Servers run in their own process; autocannon (50 connections, ${SECONDS} s after a 1 s warm-up) runs in the bench process.`);
log(`Each figure is the median of ${ROUNDS} rounds, the servers interleaved within a round.\n`);

const html = await measure(["node:http", "chirp", "express", "hono"], requestsPerSecond);
const template = await measure(["node:http", "chirp"], (url) => requestsPerSecond(new URL("/page", url).href));
const base = html.get("node:http")!;
log("## A small HTML page (`GET /`)\n");
log("| server | requests/s | vs node:http |");
log("| --- | ---: | ---: |");
for (const [name, rate] of html) log(`| ${name} | ${fmt(rate)} | ${(rate / base).toFixed(2)} |`);
log(`\n## A Nunjucks template with a 20-item loop (\`GET /page\`)\n`);
log("| server | requests/s | vs node:http |");
log("| --- | ---: | ---: |");
for (const [name, rate] of template) {
  log(`| ${name === "chirp" ? "chirp, `Template`" : "node:http + `nunjucks.render`"} | ${fmt(rate)} | ${(rate / template.get("node:http")!).toFixed(2)} |`);
}

const sse = await measure(["node:http", "chirp", "better-sse"], eventsPerSecond);
const sseBase = sse.get("node:http")!;
log(`\n## SSE throughput: ${fmt(SSE_EVENTS)} string events from an async generator to one client\n`);
log("| server | events/s | vs node:http |");
log("| --- | ---: | ---: |");
for (const [name, rate] of sse) log(`| ${name} | ${fmt(rate)} | ${(rate / sseBase).toFixed(2)} |`);

log(`\n## Disconnect clean-up\n`);
log(`Median time from a client's abort to the generator's \`finally\` (30 samples, loopback): ${(await disconnectLatency()).toFixed(2)} ms.`);

writeFileSync(path.join(here, "results.md"), `${lines.join("\n")}\n`);
