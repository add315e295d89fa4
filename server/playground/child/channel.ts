/**
 * Runs inside the sandbox. The messages a child sends its parent over the IPC
 * channel, the heartbeat that proves its event loop is not blocked, and the
 * wait for the parent's go-ahead.
 */
import type { Message, StartMessage } from "../child-message.ts";

/** How often the child says it is alive. */
const PING_MS = 250;

/** Sends `message` to the parent process; resolves once it is on its way. */
export function tell(message: Message): Promise<void> {
  return new Promise((resolve) => (process.send ? process.send(message, undefined, {}, () => resolve()) : resolve()));
}

/** Pings the parent until the process ends; a blocked event loop stops the pings. */
export function startPinging(): void {
  setInterval(() => void tell({ type: "ping" }), PING_MS).unref();
}

/** Resolves with the parent's go-ahead once the user's code is in place (`app.mjs`). */
export function started(): Promise<StartMessage> {
  return new Promise((resolve) => process.once("message", resolve));
}

/** Ends the child with its parent: a closed IPC channel means the docs server is gone. */
process.on("disconnect", () => process.exit(0));
