import { readFile } from "node:fs/promises";

/** What a process uses, as Linux reports it in `/proc`. */
export interface ProcessUsage {
  /** Resident memory (heap, buffers and all), in MB; 0 where `/proc` cannot be read. */
  residentMb: number;
  /** CPU time spent so far, user and system, every thread; undefined where `/proc` cannot be read. */
  cpuMs: number | undefined;
}

const PAGE_BYTES = 4096;
/** Linux counts CPU time in clock ticks of 1/100 s (`USER_HZ`, the same on every architecture it runs on). */
const MS_PER_TICK = 10;

async function proc(pid: number, file: string): Promise<string | undefined> {
  try {
    return await readFile(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined;
  }
}

/** Reads the resident memory and CPU time of process `pid`. */
export async function processUsage(pid: number): Promise<ProcessUsage> {
  const [statm, stat] = await Promise.all([proc(pid, "statm"), proc(pid, "stat")]);
  // `stat` is "pid (command) state ppid …": the command may hold spaces, so count fields after its ")".
  // utime and stime are the 14th and 15th fields, the 12th and 13th after the command.
  const fields = stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
  return {
    residentMb: statm ? (Number(statm.split(" ")[1]) * PAGE_BYTES) / 2 ** 20 : 0,
    cpuMs: fields ? (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK : undefined,
  };
}
