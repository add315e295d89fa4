import { spawn, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";

/** Busy-loop processes that keep every core of the machine busy until stopped. */
export interface BusyMachine {
  /** Ends every busy loop; resolves once they are gone. */
  stop(): Promise<void>;
}

/**
 * Starts `perCore` busy-loop processes per core. Each ends by itself after
 * `maxMs` at the latest, so a test that dies before `stop()` leaves nothing behind.
 */
export function busyMachine({ perCore = 1, maxMs = 5 * 60_000 } = {}): BusyMachine {
  const loop = `const end = Date.now() + ${maxMs}; while (Date.now() < end) {}`;
  const loops: ChildProcess[] = Array.from({ length: availableParallelism() * perCore }, () =>
    spawn(process.execPath, ["-e", loop], { stdio: "ignore" }),
  );
  return {
    async stop() {
      await Promise.all(
        loops.map((child) =>
          child.exitCode !== null || child.signalCode !== null
            ? undefined
            : new Promise<void>((resolve) => {
                child.once("exit", () => resolve());
                child.kill("SIGKILL");
              }),
        ),
      );
    },
  };
}
