import { spawn, type ChildProcess } from "node:child_process";

/**
 * A server program a test runs in the foreground (redis-server, nginx, a chirp
 * process), started when `ready` shows in its output and stopped with SIGTERM.
 */
export class Daemon {
  #output = "";

  private constructor(
    readonly child: ChildProcess,
    readonly name: string,
  ) {
    const keep = (chunk: Buffer) => (this.#output += chunk.toString());
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
  }

  /** Everything it printed so far. */
  get output(): string {
    return this.#output;
  }

  /** Starts `command` and waits until its output matches `ready`; fails with its output if it exits first. */
  static async start(command: string, args: string[], ready: RegExp, env: NodeJS.ProcessEnv = process.env): Promise<Daemon> {
    const daemon = new Daemon(spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env }), `${command} ${args.join(" ")}`);
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (ready.test(daemon.#output)) resolve();
      };
      daemon.child.stdout?.on("data", check);
      daemon.child.stderr?.on("data", check);
      daemon.child.once("exit", (code) => reject(new Error(`${daemon.name} exited (${code}) before it was ready:\n${daemon.#output}`)));
    });
    return daemon;
  }

  /** Stops it with `signal` and waits until it has exited. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill(signal);
    await exited;
  }
}
