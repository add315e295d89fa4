import http, { type IncomingHttpHeaders } from "node:http";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { App, AppConfig, EventStream, Reply, SSEEvent, type Listening } from "chirp";
import { chooseEncoding } from "../../server/chirp/compression.ts";

/** A response as it crossed the wire: bytes still encoded. */
interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function request(url: string, headers: Record<string, string> = {}, method = "GET"): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .request(url, { method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject)
      .end();
  });
}

/** The body decoded as its `content-encoding` says. */
function decoded(response: RawResponse): string {
  const encoding = response.headers["content-encoding"];
  const bytes = encoding === "br" ? brotliDecompressSync(response.body) : encoding === "gzip" ? gunzipSync(response.body) : response.body;
  return bytes.toString("utf8");
}

/** Reads an event stream until its first whole event; resolves with the headers and that text, then hangs up. */
function firstEvent(url: string, headers: Record<string, string>): Promise<{ headers: IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.get(url, { headers }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        text += chunk;
        if (text.includes("\n\n")) {
          resolve({ headers: response.headers, text });
          outgoing.destroy();
        }
      });
    });
    outgoing.on("error", (error) => (outgoing.destroyed ? undefined : reject(error)));
  });
}

const page = `<!doctype html><title>t</title>${"<p>chirp compresses text answers of a kilobyte and more.</p>\n".repeat(80)}`;

function makeApp(config: AppConfig): App {
  const app = new App({ config });
  app.route("/page", () => page);
  app.route("/tiny", () => "<p>small</p>");
  app.route("/data", () => ({ rows: Array.from({ length: 200 }, (_, id) => ({ id, label: `row ${id}` })) }));
  app.route("/varied", () => new Reply(page, { headers: { vary: "HX-Request" } }));
  app.route("/binary", () => new Reply(new Uint8Array(4096), { headers: { "content-type": "image/png" } }));
  app.route("/events", (request) => {
    async function* generate() {
      yield new SSEEvent({ event: "hello", data: "first" });
      // The stream stays open: the first event must reach the client without the stream ending.
      await new Promise((resolve) => request.signal.addEventListener("abort", resolve));
    }
    return new EventStream(generate());
  });
  return app;
}

const servers: Listening[] = [];
async function serve(config: AppConfig, setUp: (app: App) => void = () => {}): Promise<string> {
  const app = makeApp(config);
  setUp(app);
  const listening = await app.listen({ port: 0 });
  servers.push(listening);
  return listening.url.replace(/\/$/, "");
}
afterAll(() => Promise.all(servers.map((server) => server.close())));

const folder = mkdtempSync(path.join(tmpdir(), "chirp-static-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const assetsDir = path.join(folder, "assets");
mkdirSync(assetsDir);
const script = `export const words = ${JSON.stringify("hashed assets never change ".repeat(100))};\n`;
writeFileSync(path.join(assetsDir, "app-1a2b3c.js"), script);
// A precompressed copy the server must send as it is: its text differs from the file's, so the test can tell.
writeFileSync(path.join(assetsDir, "app-1a2b3c.js.br"), brotliCompressSync("/* from the build's .br copy */"));
writeFileSync(path.join(assetsDir, "plain.css"), `p { color: #222; }\n${"/* style */\n".repeat(200)}`);
writeFileSync(path.join(folder, "secret.txt"), "outside the served folder");

const base = await serve(new AppConfig({ logger: { info() {}, warn() {}, error() {} } }), (app) => app.static("/assets/", assetsDir, { immutable: true }));
const uncompressed = await serve(new AppConfig({ compress: false, etag: false }));

describe("choosing a coding", () => {
  it("prefers brotli, honours q-values, q=0 and *", () => {
    expect(chooseEncoding("gzip, deflate, br")).toBe("br");
    expect(chooseEncoding("gzip")).toBe("gzip");
    expect(chooseEncoding("br;q=0.5, gzip;q=1")).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip;q=0")).toBeUndefined();
    expect(chooseEncoding("*")).toBe("br");
    expect(chooseEncoding("*;q=0.2, br;q=0")).toBe("gzip");
    expect(chooseEncoding("identity")).toBeUndefined();
    expect(chooseEncoding(undefined)).toBeUndefined();
  });
});

describe("compressed answers", () => {
  it("sends a page in brotli when asked for br, with Vary and the right length", async () => {
    const response = await request(`${base}/page`, { "accept-encoding": "gzip, deflate, br" });
    expect(response.headers["content-encoding"]).toBe("br");
    expect(response.headers.vary).toBe("Accept-Encoding");
    expect(Number(response.headers["content-length"])).toBe(response.body.length);
    expect(response.body.length).toBeLessThan(page.length / 4);
    expect(decoded(response)).toBe(page);
  });

  it("sends gzip when only gzip is accepted, and JSON too", async () => {
    const response = await request(`${base}/data`, { "accept-encoding": "gzip" });
    expect(response.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(decoded(response)).rows).toHaveLength(200);
  });

  it("sends the body as it is to a client that accepts no coding, still with Vary", async () => {
    const response = await request(`${base}/page`);
    expect(response.headers["content-encoding"]).toBeUndefined();
    expect(response.headers.vary).toBe("Accept-Encoding");
    expect(response.body.toString()).toBe(page);
  });

  it("leaves small bodies and binary types alone", async () => {
    const tiny = await request(`${base}/tiny`, { "accept-encoding": "br" });
    expect(tiny.headers["content-encoding"]).toBeUndefined();
    expect(tiny.headers.vary).toBeUndefined();
    const binary = await request(`${base}/binary`, { "accept-encoding": "br" });
    expect(binary.headers["content-encoding"]).toBeUndefined();
    expect(binary.body.length).toBe(4096);
  });

  it("adds Accept-Encoding to a Vary the handler set", async () => {
    const response = await request(`${base}/varied`, { "accept-encoding": "br" });
    expect(response.headers.vary).toBe("HX-Request, Accept-Encoding");
  });

  it("compresses nothing when the config turns it off", async () => {
    const response = await request(`${uncompressed}/page`, { "accept-encoding": "br, gzip" });
    expect(response.headers["content-encoding"]).toBeUndefined();
    expect(response.headers.etag).toBeUndefined();
    expect(response.body.toString()).toBe(page);
  });

  it("compresses the framework's own htmx file", async () => {
    const response = await request(`${base}/_chirp/htmx.min.js`, { "accept-encoding": "br" });
    expect(response.headers["content-encoding"]).toBe("br");
    expect(decoded(response)).toContain("htmx");
  });

  it("refuses a minBytes that is not a size", () => {
    expect(() => new AppConfig({ compress: { minBytes: -1 } })).toThrow(/compress.minBytes must be a non-negative integer/);
  });
});

describe("ETag revalidation", () => {
  it("gives a page an ETag and answers If-None-Match with 304 and no body", async () => {
    const first = await request(`${base}/page`, { "accept-encoding": "br" });
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await request(`${base}/page`, { "accept-encoding": "gzip", "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    const changed = await request(`${base}/page`, { "if-none-match": 'W/"something-else"' });
    expect(changed.status).toBe(200);
  });

  it("makes no ETag for a body under 1 KiB: a 304 would save nothing worth hashing it on every request", async () => {
    const tiny = await request(`${base}/tiny`);
    expect(tiny.status).toBe(200);
    expect(tiny.headers.etag).toBeUndefined();
    expect(tiny.body.toString()).toBe("<p>small</p>");
    const asked = await request(`${base}/tiny`, { "if-none-match": "*" });
    expect(asked.status).toBe(200);
    expect((await request(`${base}/data`)).headers.etag).toMatch(/^W\/".+"$/);
  });
});

describe("event streams with compression on", () => {
  it("sends the first event at once and uncompressed, while the stream stays open", async () => {
    const { headers, text } = await firstEvent(`${base}/events`, { "accept-encoding": "gzip, deflate, br", accept: "text/event-stream" });
    expect(headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(headers["content-encoding"]).toBeUndefined();
    expect(text).toBe("event: hello\ndata: first\n\n");
  });
});

describe("app.static", () => {
  it("serves a hashed file for a year, from the build's precompressed copy", async () => {
    const response = await request(`${base}/assets/app-1a2b3c.js`, { "accept-encoding": "br" });
    expect(response.status).toBe(200);
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(response.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(response.headers["content-encoding"]).toBe("br");
    expect(decoded(response)).toBe("/* from the build's .br copy */");
  });

  it("compresses a file without a copy on the fly, and sends it plain when asked", async () => {
    const gzipped = await request(`${base}/assets/plain.css`, { "accept-encoding": "gzip" });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(decoded(gzipped)).toContain("p { color: #222; }");
    const plain = await request(`${base}/assets/app-1a2b3c.js`);
    expect(plain.body.toString()).toBe(script);
  });

  it("revalidates by ETag and answers HEAD with headers alone", async () => {
    const first = await request(`${base}/assets/plain.css`);
    const again = await request(`${base}/assets/plain.css`, { "if-none-match": first.headers.etag! });
    expect(again.status).toBe(304);
    const head = await request(`${base}/assets/plain.css`, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it("hands paths that name no file, or leave the folder, to the routes", async () => {
    expect((await request(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await request(`${base}/assets/..%2Fsecret.txt`)).status).toBe(404);
    expect((await request(`${base}/assets/%2e%2e/secret.txt`)).status).toBe(404);
  });
});
