import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Daemon } from "./daemon.ts";
import { freePort } from "../../scripts/free-port.ts";

/** A real `redis-server` on a free loopback port with a throwaway data folder and no persistence. */
export class RedisServer {
  #daemon: Daemon | undefined;

  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  /** Starts one and waits until it accepts connections. */
  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), mkdtempSync(path.join(os.tmpdir(), "chirp-redis-")));
    await server.resume();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts it again on the same port (empty: nothing is saved). */
  async resume(): Promise<void> {
    const args = ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.dir];
    this.#daemon = await Daemon.start("redis-server", args, /Ready to accept connections/);
  }

  /** Stops it; `resume()` brings it back. */
  async pause(): Promise<void> {
    await this.#daemon?.stop();
  }

  /** Stops it and removes its folder. */
  async stop(): Promise<void> {
    await this.pause();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
