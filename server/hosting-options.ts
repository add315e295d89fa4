/**
 * How the docs server is hosted, read from its command line and environment:
 *
 * - `--read-only` / `CHIRP_READ_ONLY=1`: only the unedited examples run.
 * - `--public-url <url>` / `CHIRP_PUBLIC_URL`: the address readers use. Links that
 *   leave the machine (canonical links, `llms.txt`, the Ask links) use it, and it
 *   implies read-only: a public server never runs edited code.
 * - `--run-domain <name>` / `CHIRP_RUN_DOMAIN`: runs are served on `<run-id>.<name>`
 *   (default `run.localhost`, which browsers resolve to loopback by themselves).
 * - `--run-idle <minutes>` / `CHIRP_RUN_IDLE`: in public mode, how long an example's
 *   shared run lives on after its last reader left (default 5).
 * - `--runs-per-minute <n>` / `CHIRP_RUNS_PER_MINUTE`, `--streams-per-ip <n>` /
 *   `CHIRP_STREAMS_PER_IP`, `--connections-per-ip <n>` / `CHIRP_CONNECTIONS_PER_IP`:
 *   public mode's per-IP limits on run starts a minute (and as many type checks,
 *   counted apart), open run feeds and open requests to runs (defaults 30, 12 and 48).
 * - `--trust-proxy` / `CHIRP_TRUST_PROXY=1`: the server sits behind a reverse proxy
 *   that appends each reader's address to `X-Forwarded-For`; public mode's per-IP
 *   limits read that header's last hop instead of the socket's address.
 */
export interface HostingOptions {
  readOnly: boolean;
  /** The public origin and base path, without a trailing slash; absent when the server is local. */
  publicUrl?: string;
  runDomain: string;
  /** Public mode: minutes a shared run outlives its last reader; absent for the default. */
  runIdleMinutes?: number;
  /** Public mode: Run and Test requests per reader's IP a minute; absent for the default. */
  runsPerMinute?: number;
  /** Public mode: run feeds one reader's IP may hold open; absent for the default. */
  streamsPerIp?: number;
  /** Public mode: requests to runs (their event streams stay open) one reader's IP may hold open; absent for the default. */
  connectionsPerIp?: number;
  /** The reader's address is the last hop of `X-Forwarded-For` (behind a reverse proxy that sets it). */
  trustProxy: boolean;
}

/** The default run domain: browsers resolve every `*.localhost` name to loopback. */
export const DEFAULT_RUN_DOMAIN = "run.localhost";

/** Host names of this machine: a public URL on one of them is reached from here only, where run.localhost works. */
export const LOOPBACK_NAMES: ReadonlySet<string> = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** A host option that cannot be used, with what was wrong and how to write it. */
export class HostingOptionError extends Error {}

/** The value after `--name` (or in `--name=value`), else the environment variable, else undefined. */
function option(argv: readonly string[], env: NodeJS.ProcessEnv, name: string, variable: string, example: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) throw new HostingOptionError(`--${name} needs a value, as in --${name} ${example}`);
      return value;
    }
    if (argv[i]!.startsWith(`--${name}=`)) return argv[i]!.slice(name.length + 3);
  }
  return env[variable] || undefined;
}

/** `https://docs.example.com/` → `https://docs.example.com`; anything but an http(s) URL is refused. */
function parsePublicUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new HostingOptionError(`--public-url ${JSON.stringify(value)} is not a URL: write the address readers use, as in https://docs.example.com`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new HostingOptionError(`--public-url must be an http or https address, not ${url.protocol}`);
  if (url.search || url.hash) throw new HostingOptionError(`--public-url ${JSON.stringify(value)} must not have a query or fragment`);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** A DNS name of dot-separated labels (letters, digits, hyphens), lower-cased. */
function parseRunDomain(value: string): string {
  const name = value.toLowerCase().replace(/\.$/, "");
  const label = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
  if (!name.includes(".") || !name.split(".").every((part) => label.test(part))) {
    throw new HostingOptionError(`--run-domain ${JSON.stringify(value)} is not a domain name: give the name under which runs are served, as in runs.example.com (each run is <run-id>.runs.example.com)`);
  }
  return name;
}

/** A number above zero (a whole one when `whole`), or an error that says what `--name` means. */
function parsePositive(name: string, value: string, what: string, whole: boolean): number {
  const number = Number(value);
  if (!value.trim() || !Number.isFinite(number) || number <= 0 || (whole && !Number.isInteger(number))) throw new HostingOptionError(`--${name} ${JSON.stringify(value)} is not ${what}`);
  return number;
}

/** The option `--name` as a number above zero, under its key in the options, or nothing when not given. */
function positiveOption<K extends string>(argv: readonly string[], env: NodeJS.ProcessEnv, key: K, name: string, variable: string, what: string, whole = true): { [k in K]?: number } {
  const value = option(argv, env, name, variable, whole ? "10" : "5");
  return value === undefined ? {} : ({ [key]: parsePositive(name, value, what, whole) } as { [k in K]: number });
}

/** Reads the hosting options; throws a {@link HostingOptionError} that says what to write instead. */
export function hostingOptions(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): HostingOptions {
  const publicValue = option(argv, env, "public-url", "CHIRP_PUBLIC_URL", "https://docs.example.com");
  const domainValue = option(argv, env, "run-domain", "CHIRP_RUN_DOMAIN", "runs.example.com");
  const publicUrl = publicValue === undefined ? undefined : parsePublicUrl(publicValue);
  if (publicUrl !== undefined && domainValue === undefined && !LOOPBACK_NAMES.has(new URL(publicUrl).hostname)) {
    throw new HostingOptionError(`--public-url ${publicUrl} needs --run-domain too: each run is served at <run-id>.<run-domain>, a name readers' browsers must reach (a wildcard DNS record), as in --run-domain runs.example.com`);
  }
  return {
    readOnly: publicUrl !== undefined || argv.includes("--read-only") || env.CHIRP_READ_ONLY === "1",
    ...(publicUrl === undefined ? {} : { publicUrl }),
    runDomain: domainValue === undefined ? DEFAULT_RUN_DOMAIN : parseRunDomain(domainValue),
    ...positiveOption(argv, env, "runIdleMinutes", "run-idle", "CHIRP_RUN_IDLE", "a number of minutes: write how long a shared run outlives its last reader, as in --run-idle 5", false),
    ...positiveOption(argv, env, "runsPerMinute", "runs-per-minute", "CHIRP_RUNS_PER_MINUTE", "a whole number: write how many runs one address may start a minute, as in --runs-per-minute 30"),
    ...positiveOption(argv, env, "streamsPerIp", "streams-per-ip", "CHIRP_STREAMS_PER_IP", "a whole number: write how many run feeds one address may hold open, as in --streams-per-ip 12"),
    ...positiveOption(argv, env, "connectionsPerIp", "connections-per-ip", "CHIRP_CONNECTIONS_PER_IP", "a whole number: write how many requests to runs one address may hold open, as in --connections-per-ip 48"),
    trustProxy: argv.includes("--trust-proxy") || env.CHIRP_TRUST_PROXY === "1",
  };
}

/**
 * What works differently than a host may expect from these options, for the
 * server to say as it starts: a public URL over plain http on a name other than
 * loopback leaves Run refused, as browsers send the fetch metadata the run API
 * asks for (`Sec-Fetch-Site`) only to secure origins.
 */
export function hostingWarnings(options: HostingOptions): string[] {
  if (options.publicUrl === undefined) return [];
  const url = new URL(options.publicUrl);
  if (url.protocol === "https:" || LOOPBACK_NAMES.has(url.hostname)) return [];
  return [`--public-url ${options.publicUrl} is plain http: readers' browsers will not send the fetch metadata the run API asks for, so Run will be refused. Serve the docs over https (see Hosting the docs).`];
}
