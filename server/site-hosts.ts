import { LOOPBACK_NAMES, type HostingOptions } from "./hosting-options.ts";

/** The Host values a loopback server on `port` answers to (anything else may be DNS rebinding). */
export function loopbackHosts(port: number): Set<string> {
  return new Set([...LOOPBACK_NAMES].map((name) => `${name}:${port}`));
}

/** Where docs pages may frame runs from, and probe them with `fetch()` (CSP source expressions). */
export interface RunSources {
  framed: string[];
  probed: string[];
}

/**
 * The names the docs server answers to, read from a request's Host header and the
 * local port it arrived on. The docs answer on their loopback names (and, with a
 * public URL, on its host); each run on `<run-id>.<run-domain>` with the port
 * readers use: the docs server's own port locally, the public URL's port behind a
 * proxy. Every other Host is foreign (DNS rebinding, or a misdirected request).
 */
export class SiteHosts {
  /** The public origin (`https://docs.example.com`), when there is one. */
  readonly #publicOrigin: string | undefined;
  readonly #runDomain: string;

  constructor(hosting: Pick<HostingOptions, "publicUrl" | "runDomain">) {
    this.#publicOrigin = hosting.publicUrl === undefined ? undefined : new URL(hosting.publicUrl).origin;
    this.#runDomain = hosting.runDomain;
  }

  /** The origin of docs pages served under `host`, or undefined when `host` is not the docs server's. */
  docsOrigin(host: string | undefined, localPort: number): string | undefined {
    const name = host?.toLowerCase() ?? "";
    if (loopbackHosts(localPort).has(name)) return `http://${name}`;
    if (this.#publicOrigin !== undefined && name === new URL(this.#publicOrigin).host) return this.#publicOrigin;
    return undefined;
  }

  /** The origins docs pages come from: they alone may frame a run and call the run API. */
  docsOrigins(localPort: number): string[] {
    const local = [`http://127.0.0.1:${localPort}`, `http://localhost:${localPort}`];
    return this.#publicOrigin === undefined ? local : [this.#publicOrigin, ...local];
  }

  /** The run id `host` names (`<id>.<run-domain>` with the readers' port), whether or not such a run exists; undefined for any other host. */
  runIdOf(host: string | undefined, localPort: number): string | undefined {
    const name = host?.toLowerCase() ?? "";
    const suffix = `.${this.#runDomain}${this.#runPort(localPort)}`;
    if (!name.endsWith(suffix)) return undefined;
    const id = name.slice(0, -suffix.length);
    return /^[a-z0-9-]+$/.test(id) ? id : undefined;
  }

  /** A run's own origin, with a trailing slash: `http://<id>.run.localhost:8000/`. */
  runUrl(id: string, localPort: number): string {
    return `${this.#runOrigin(id, this.#runPort(localPort))}/`;
  }

  /**
   * The CSP sources of runs for docs pages: `framed` in the Live output (any run
   * host, and locally any loopback port: the per-port fallback), and `probed`
   * with `fetch()` to learn whether this browser resolves run hosts (locally only).
   */
  get runSources(): RunSources {
    if (this.#publicOrigin !== undefined) return { framed: [this.#runOrigin("*", this.#runPort(0))], probed: [] };
    const hostNames = this.#runOrigin("*", ":*");
    return { framed: [hostNames, "http://127.0.0.1:*", "http://localhost:*"], probed: [hostNames] };
  }

  /** Whether runs are offered on a loopback port of their own too (locally, for browsers that do not resolve `*.localhost`). */
  get perPortFallback(): boolean {
    return this.#publicOrigin === undefined;
  }

  /** `<scheme>//<label>.<run-domain><port>`: http locally, the public URL's scheme behind a proxy. */
  #runOrigin(label: string, port: string): string {
    const scheme = this.#publicOrigin === undefined ? "http:" : new URL(this.#publicOrigin).protocol;
    return `${scheme}//${label}.${this.#runDomain}${port}`;
  }

  /** `:8000` locally; the public URL's port (often none) behind a proxy. */
  #runPort(localPort: number): string {
    if (this.#publicOrigin === undefined) return `:${localPort}`;
    const { port } = new URL(this.#publicOrigin);
    return port ? `:${port}` : "";
  }
}
