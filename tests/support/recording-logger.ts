import type { Logger } from "chirp";

/** A logger that keeps every line, to assert what was logged. */
export function recordingLogger(): Logger & { lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = [];
  const keep = (level: string) => (message: string) => void lines.push({ level, message });
  return { lines, info: keep("info"), warn: keep("warn"), error: keep("error") };
}
