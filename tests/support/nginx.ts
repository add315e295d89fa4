import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Daemon } from "./daemon.ts";
import { freePort } from "../../scripts/free-port.ts";

/** The nginx configuration the Deployment docs give. */
const DOCUMENTED = new URL("../../deploy/nginx.conf", import.meta.url);

/**
 * A real nginx running the documented configuration, with its upstream servers, its
 * port and its read timeout swapped for the test's, in a throwaway prefix folder. It
 * also gzips event streams, as a site that compresses everything does: gzip keeps
 * events in its compressor unless nginx's buffering is off for the stream, so an
 * event that arrives on its own shows that it is.
 */
export class Nginx {
  private constructor(
    readonly port: number,
    readonly dir: string,
    readonly daemon: Daemon,
  ) {}

  static async start(upstreamPorts: number[], readTimeout: string): Promise<Nginx> {
    const port = await freePort();
    const dir = mkdtempSync(path.join(os.tmpdir(), "chirp-nginx-"));
    mkdirSync(path.join(dir, "temp"));
    const config = readFileSync(DOCUMENTED, "utf8")
      .replace(/(upstream chirp \{\n)(?:\s*server [^\n]*\n)+/, (_, head: string) => head + upstreamPorts.map((upstream) => `    server 127.0.0.1:${upstream};\n`).join(""))
      .replace(/listen 127\.0\.0\.1:\d+;/, `listen 127.0.0.1:${port};`)
      .replace(/proxy_read_timeout \w+;/, `proxy_read_timeout ${readTimeout};`)
      .replace("worker_processes auto;", "worker_processes 1;")
      .replace("worker_connections 16384;", "worker_connections 1024;")
      .replace("error_log stderr warn;", "error_log stderr notice;")
      .replace("access_log off;", "access_log off;\n  gzip on;\n  gzip_types text/event-stream;");
    writeFileSync(path.join(dir, "nginx.conf"), config);
    const daemon = await Daemon.start("nginx", ["-p", dir, "-c", path.join(dir, "nginx.conf")], /start worker process/);
    return new Nginx(port, dir, daemon);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  async stop(): Promise<void> {
    await this.daemon.stop("SIGQUIT");
    rmSync(this.dir, { recursive: true, force: true });
  }
}
