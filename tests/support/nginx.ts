import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Daemon } from "./daemon.ts";
import { freePort } from "../../scripts/free-port.ts";

/** The nginx configuration the Deployment docs give: several chirp processes behind one port. */
export const DEPLOYMENT_CONFIG = new URL("../../deploy/nginx.conf", import.meta.url);
/** The one the Hosting docs give: the docs server in public mode, its own name and every run's. */
export const HOSTING_CONFIG = new URL("../../deploy/nginx-docs.conf", import.meta.url);

/** Where nginx finds the certificate and key of its https server (PEM files). */
export interface TlsFiles {
  certificate: string;
  key: string;
}

/**
 * A real nginx running a documented configuration, with its upstream servers, its
 * ports, its read timeout, (given `names`) its host names and (given `tls`) its
 * certificate swapped for the caller's, in a throwaway prefix folder. Each port the
 * configuration listens on (80, 443) becomes a free loopback port of its own. With
 * `gzipEvents` it also gzips event streams, as a site that compresses everything
 * does: gzip keeps events in its compressor unless nginx's buffering is off for the
 * stream, so an event that arrives on its own shows that it is.
 */
export class Nginx {
  private constructor(
    readonly ports: ReadonlyMap<number, number>,
    readonly dir: string,
    readonly daemon: Daemon,
  ) {}

  /**
   * Starts nginx on `config` (default: Deployment's), its names replaced as `names` says
   * (`{ "docs.example.com": "docs.test" }`), its certificate by `tls`, gzipping event streams with `gzipEvents`.
   */
  static async start(upstreamPorts: number[], readTimeout: string, options: { config?: URL; names?: Record<string, string>; tls?: TlsFiles; gzipEvents?: boolean } = {}): Promise<Nginx> {
    const dir = mkdtempSync(path.join(os.tmpdir(), "chirp-nginx-"));
    mkdirSync(path.join(dir, "temp"));
    let config = readFileSync(options.config ?? DEPLOYMENT_CONFIG, "utf8");
    const ports = new Map<number, number>();
    for (const [, documented] of config.matchAll(/listen (?:127\.0\.0\.1:)?(\d+)/g)) if (!ports.has(Number(documented))) ports.set(Number(documented), await freePort());
    config = config
      .replace(/(upstream \w+ \{\n)(?:\s*server [^\n]*\n)+/, (_, head: string) => head + upstreamPorts.map((upstream) => `    server 127.0.0.1:${upstream};\n`).join(""))
      .replaceAll(/listen (?:127\.0\.0\.1:)?(\d+)/g, (_, documented: string) => `listen 127.0.0.1:${ports.get(Number(documented))}`)
      .replace(/proxy_read_timeout \w+;/, `proxy_read_timeout ${readTimeout};`)
      .replace("worker_processes auto;", "worker_processes 1;")
      .replace(/worker_connections \d+;/, "worker_connections 1024;")
      .replace("error_log stderr warn;", "error_log stderr notice;")
      .replace("access_log off;", options.gzipEvents ? "access_log off;\n  gzip on;\n  gzip_types text/event-stream;" : "access_log off;");
    if (options.tls) config = config.replace(/ssl_certificate \S+;/, `ssl_certificate ${options.tls.certificate};`).replace(/ssl_certificate_key \S+;/, `ssl_certificate_key ${options.tls.key};`);
    for (const [from, to] of Object.entries(options.names ?? {})) config = config.replaceAll(from, to);
    writeFileSync(path.join(dir, "nginx.conf"), config);
    const daemon = await Daemon.start("nginx", ["-p", dir, "-c", path.join(dir, "nginx.conf")], /start worker process/);
    return new Nginx(ports, dir, daemon);
  }

  /** The loopback port nginx listens on in place of the configuration's `documented` one (by default its first: 8080, or 80). */
  port(documented = [...this.ports.keys()][0]!): number {
    const port = this.ports.get(documented);
    if (port === undefined) throw new Error(`the nginx configuration listens on no port ${documented}`);
    return port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port()}/`;
  }

  async stop(): Promise<void> {
    await this.daemon.stop("SIGQUIT");
    rmSync(this.dir, { recursive: true, force: true });
  }
}
