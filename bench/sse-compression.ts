/**
 * `npm run bench:sse-compression`: why chirp sends event streams uncompressed.
 * For three ways of serving the same stream to a client that accepts gzip and br,
 * measures the time from request to the first whole event (median of ROUNDS
 * connections), and the bytes on the wire for EVENTS htmx fragments:
 * - chirp with compression on (its default: streams go as they are);
 * - gzip with a flush after every event (what a careful compressing proxy does);
 * - gzip without flushing (the common field failure: events wait for a full block).
 * Writes bench/sse-compression.md.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { constants, createGunzip, createGzip } from "node:zlib";
import { App, AppConfig, EventStream, SSEEvent, encodeEvent } from "chirp";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const EVENTS = 200;
/** How long a client waits for the first event before calling it held back. */
const GIVE_UP_MS = 3_000;

/** One notification as the SSE example sends it: a rendered htmx fragment. */
const notification = (n: number) =>
  new SSEEvent({ event: "notification", id: String(n), data: `<div class="notification" id="n-${n}">\n  <strong>Update ${n}</strong>\n  <p>Something happened at step ${n}.</p>\n</div>` });

/** `count` events, then the stream stays open until the client leaves. */
async function* events(count: number, signal: AbortSignal) {
  for (let n = 1; n <= count; n++) yield notification(n);
  await new Promise((resolve) => signal.addEventListener("abort", resolve));
}

/** A node:http server that gzips the stream, flushing after each event or not. */
function gzipServer(flush: boolean): http.Server {
  return http.createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const count = Number(new URL(request.url ?? "/", "http://x").searchParams.get("n") ?? 1);
    response.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "content-encoding": "gzip" });
    const gzip = createGzip();
    gzip.pipe(response);
    const controller = new AbortController();
    response.on("close", () => controller.abort());
    for await (const event of events(count, controller.signal)) {
      gzip.write(encodeEvent(event));
      if (flush) gzip.flush(constants.Z_SYNC_FLUSH);
    }
  });
}

function chirpApp(): App {
  const app = new App({ config: new AppConfig({ logger: { info() {}, warn() {}, error() {} } }) });
  app.route("/events", (request) => new EventStream(events(Number(request.query.n ?? 1), request.signal)));
  return app;
}

/** Reads `url` until `events` whole events arrived (decoding gzip); the time to the first, and the bytes received by then. */
function read(url: string, events: number): Promise<{ firstMs: number | undefined; bytes: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstMs: number | undefined;
    let bytes = 0;
    let seen = 0;
    const outgoing = http.get(url, { headers: { accept: "text/event-stream", "accept-encoding": "gzip, deflate, br" } }, (response) => {
      const text = response.headers["content-encoding"] === "gzip" ? response.pipe(createGunzip({ flush: constants.Z_SYNC_FLUSH })) : response;
      response.on("data", (chunk: Buffer) => (bytes += chunk.length));
      text.on("data", (chunk: Buffer) => {
        seen += chunk.toString().split("\n\n").length - 1;
        firstMs ??= seen > 0 ? performance.now() - started : undefined;
        if (seen >= events) finish();
      });
    });
    const finish = () => {
      clearTimeout(timer);
      outgoing.destroy();
      resolve({ firstMs, bytes });
    };
    const timer = setTimeout(finish, GIVE_UP_MS);
    outgoing.on("error", (error) => (outgoing.destroyed ? undefined : reject(error)));
  });
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const chirp = await chirpApp().listen({ port: 0 });
const flushed = gzipServer(true);
const unflushed = gzipServer(false);
const targets = [
  { name: "chirp, compression on (stream sent as is)", base: chirp.url.replace(/\/$/, "") },
  { name: "gzip, flushed after every event", base: await listen(flushed) },
  { name: "gzip, not flushed", base: await listen(unflushed) },
];

const rows: string[] = [];
for (const target of targets) {
  const times: number[] = [];
  let heldBack = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const { firstMs } = await read(`${target.base}/events?n=1`, 1);
    if (firstMs === undefined) heldBack++;
    else times.push(firstMs);
  }
  const { bytes } = await read(`${target.base}/events?n=${EVENTS}`, EVENTS);
  const first = times.length ? `${median(times).toFixed(2)} ms` : `none within ${GIVE_UP_MS} ms`;
  const row = `| ${target.name} | ${first} | ${heldBack} of ${ROUNDS} | ${(bytes / EVENTS).toFixed(0)} B |`;
  console.log(row);
  rows.push(row);
}
await chirp.close();
flushed.close();
unflushed.close();

const report = `# Event streams and compression

Measured by \`npm run bench:sse-compression\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version},
${os.cpus().length} cores (load average ${os.loadavg()[0]!.toFixed(1)} at the end). The client asks for
\`gzip, deflate, br\`; each stream sends one notification fragment (${encodeEvent(notification(1)).length} bytes as SSE) and stays
open. First event: median of ${ROUNDS} connections. Bytes: the average per event over ${EVENTS} events on one stream.

| server | request → first event | events never seen (of ${ROUNDS}) | bytes per event |
| --- | --- | --- | --- |
${rows.join("\n")}

Flushing after every event gets the first event out within milliseconds too, and on a stream of similar
fragments it is much smaller, since the compressor's window spans events. chirp still sends streams
as they are: a deflate stream keeps its compressor for the life of the connection (about 256 KiB with
zlib's defaults, by its own formula \`(1 << (windowBits + 2)) + (1 << (memLevel + 9))\`), which is
what an idle SSE connection mostly is, and every layer on the way must flush too: the last row is what
a layer that does not looks like.
`;
writeFileSync(path.join(import.meta.dirname, "sse-compression.md"), report);
