import { readFileSync, readdirSync, readlinkSync } from "node:fs";

/** TCP state 0A in /proc/net/tcp: LISTEN. */
const LISTEN = "0A";

/**
 * How many TCP sockets this process listens on (Linux: its open socket files
 * matched against /proc/net/tcp and tcp6). Each test file runs in a process of
 * its own, so a server started in it is counted, and no other test file's.
 */
export function listeningSockets(): number {
  const own = new Set<string>();
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith("socket:[")) own.add(target.slice(8, -1));
    } catch {
      // The fd closed while the folder was read (the one readdirSync used, for one).
    }
  }
  const tables = ["/proc/net/tcp", "/proc/net/tcp6"].map((table) => readFileSync(table, "utf8").split("\n").slice(1));
  // Columns: sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …
  return tables.flat().filter((line) => {
    const columns = line.trim().split(/\s+/);
    return columns[3] === LISTEN && own.has(columns[9] ?? "");
  }).length;
}
