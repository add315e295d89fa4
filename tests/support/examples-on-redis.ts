import { freePort } from "../../scripts/free-port.ts";
import { Daemon } from "./daemon.ts";
import { RedisServer } from "./redis-server.ts";
import { SSEReader } from "./sse-reader.ts";

/**
 * Example apps run as processes of their own on one real redis-server (CHIRP_REDIS_URL),
 * with the streams a test reads from them; `stop()` ends them all.
 */
export class ExamplesOnRedis {
  readonly #daemons: Daemon[] = [];
  readonly #readers: SSEReader[] = [];

  private constructor(readonly redis: RedisServer) {}

  static async start(): Promise<ExamplesOnRedis> {
    return new ExamplesOnRedis(await RedisServer.start());
  }

  /** Starts examples/<name>/app.ts on a free port with `env` added; gives its URL once it serves. */
  async run(name: string, env: Record<string, string> = {}): Promise<string> {
    const port = await freePort();
    const all = { ...process.env, ...env, PORT: String(port), CHIRP_REDIS_URL: this.redis.url, CHIRP_DEBUG: "0" };
    this.#daemons.push(await Daemon.start(process.execPath, ["--import", "tsx", `examples/${name}/app.ts`], /chirp: serving/, all));
    return `http://127.0.0.1:${port}/`;
  }

  /** Opens a stream at `url`, closed by `stop()`. */
  async read(url: string, lastEventId?: string): Promise<SSEReader> {
    const reader = await SSEReader.open(url, lastEventId);
    this.#readers.push(reader);
    return reader;
  }

  async stop(): Promise<void> {
    for (const reader of this.#readers) reader.close();
    for (const daemon of this.#daemons) await daemon.stop();
    await this.redis.stop();
  }
}
