import path from "node:path";
import { fileURLToPath } from "node:url";
import { resolveCompression, type CompressOptions, type Compression } from "./compression.ts";
import type { HtmxVersion } from "./htmx-version.ts";
import { consoleLogger, type Logger } from "./logger.ts";
import { memoryChannels, type ChannelBackend } from "./realtime/channel-backend.ts";

export type { HtmxVersion };

/** The htmx version `CHIRP_HTMX` names: 2 when unset; anything but 2 or 4 is refused. */
function htmxFromEnvironment(value: string | undefined): HtmxVersion {
  if (value === undefined || value === "" || value === "2") return 2;
  if (value === "4") return 4;
  throw new TypeError(`CHIRP_HTMX must be 2 or 4, got ${JSON.stringify(value)}`);
}

/** Settings of an {@link AppConfig}; every one has a default. */
export interface AppConfigInit {
  /** Folder of the Nunjucks templates: a path (relative to the working directory) or a file URL. Default `templates`. */
  templateDir?: string | URL;
  /** Event name sent after a stream's generator is exhausted, so htmx stops reconnecting. Off when unset. */
  sseCloseEvent?: string;
  /** Reconnection delay in milliseconds (`retry:`) sent at the start of every stream that sets no `retry` of its own. Off when unset. */
  sseRetryMs?: number;
  /**
   * How long a stream may wait for a client that takes no data (its socket buffer full,
   * nothing read) before it is ended and its generator finished. Default 30 000.
   */
  sseStallTimeoutMs?: number;
  /** Show errors in pages and streams and reload templates on change. Default: `CHIRP_DEBUG=1` in the environment. */
  debug?: boolean;
  /** Print the contract checker's report when `app.run()` starts. Default: in debug, unless `CHIRP_CHECK=0`. */
  checkOnStart?: boolean;
  /** Largest request body `form()` and `json()` accept, in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Where logs go. Default: the console. */
  logger?: Logger;
  /**
   * Compress text answers of 1 KiB and more with brotli or gzip, as the request's
   * `Accept-Encoding` allows. Default on; `false` turns it off, `{ minBytes }` moves the
   * threshold. Event streams are never compressed, so every event leaves at once.
   */
  compress?: boolean | CompressOptions;
  /** Give 200 answers to GET and HEAD of 1 KiB and more an ETag and answer `If-None-Match` with 304. Default on. */
  etag?: boolean;
  /**
   * The htmx the pages run, which decides how yielded fragments go on the wire, which
   * scripts `htmx_scripts` loads and which `htmx2/` or `htmx4/` templates win.
   * Default: `CHIRP_HTMX` in the environment, else 2.
   */
  htmx?: HtmxVersion;
  /**
   * Where `app.channel()` channels live: in this process (default) or shared by several
   * processes, e.g. `redisChannels({ url })` from `chirp/redis`.
   */
  channels?: ChannelBackend;
}

/** The settings of an {@link App}, resolved and frozen. */
export class AppConfig {
  /** Absolute path of the template folder. */
  readonly templateDir: string;
  readonly sseCloseEvent: string | undefined;
  readonly sseRetryMs: number | undefined;
  readonly sseStallTimeoutMs: number;
  readonly debug: boolean;
  readonly checkOnStart: boolean;
  readonly maxBodyBytes: number;
  readonly logger: Logger;
  /** Compression settings; undefined when off. */
  readonly compress: Compression | undefined;
  readonly etag: boolean;
  readonly htmx: HtmxVersion;
  readonly channels: ChannelBackend;

  constructor(init: AppConfigInit = {}) {
    const dir = init.templateDir ?? "templates";
    this.templateDir = path.resolve(dir instanceof URL ? fileURLToPath(dir) : dir);
    this.sseCloseEvent = init.sseCloseEvent;
    this.sseRetryMs = init.sseRetryMs;
    this.sseStallTimeoutMs = init.sseStallTimeoutMs ?? 30_000;
    this.debug = init.debug ?? process.env.CHIRP_DEBUG === "1";
    this.checkOnStart = init.checkOnStart ?? (this.debug && process.env.CHIRP_CHECK !== "0");
    this.maxBodyBytes = init.maxBodyBytes ?? 1024 * 1024;
    this.logger = init.logger ?? consoleLogger;
    this.compress = resolveCompression(init.compress);
    this.etag = init.etag ?? true;
    this.htmx = init.htmx ?? htmxFromEnvironment(process.env.CHIRP_HTMX);
    this.channels = init.channels ?? memoryChannels;
    if (this.htmx !== 2 && this.htmx !== 4) throw new TypeError(`AppConfig htmx must be 2 or 4, got ${JSON.stringify(init.htmx)}`);
    if (this.sseCloseEvent !== undefined && /[\r\n\0]/.test(this.sseCloseEvent)) {
      throw new TypeError(`AppConfig sseCloseEvent must not contain CR, LF or NUL: ${JSON.stringify(this.sseCloseEvent)}`);
    }
    if (this.sseRetryMs !== undefined && !(Number.isInteger(this.sseRetryMs) && this.sseRetryMs >= 0)) {
      throw new TypeError(`AppConfig sseRetryMs must be a non-negative integer of milliseconds, got ${String(this.sseRetryMs)}`);
    }
    if (!(Number.isInteger(this.sseStallTimeoutMs) && this.sseStallTimeoutMs > 0)) {
      throw new TypeError(`AppConfig sseStallTimeoutMs must be a positive integer of milliseconds, got ${String(this.sseStallTimeoutMs)}`);
    }
    Object.freeze(this);
  }
}
