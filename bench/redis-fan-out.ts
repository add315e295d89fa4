/**
 * The scale-out section of `npm run bench` (alone: `npm run bench -- --only redis`): one
 * broadcast to 9,000 open streams on one process (in-memory channel), on one process
 * through Redis, and on three processes sharing one redis-server (3 × 3,000), delivery as
 * the client saw it and server memory per stream; then single broadcasts to streams that
 * go through nginx (deploy/nginx.conf) in front of the three. It starts and stops its own
 * redis-server (a free port, a throwaway folder, no persistence) and nginx.
 */
import path from "node:path";
import { Daemon } from "../tests/support/daemon.ts";
import { Nginx } from "../tests/support/nginx.ts";
import { RedisServer } from "../tests/support/redis-server.ts";
import { fanOutAcross, type FanOut, type FanOutServer } from "./clients.ts";

/** Part of the section's title, so that `--only redis` picks it. */
export const REDIS_TITLE = "Scale-out through one redis-server";

/** One way of running the chirp processes, and how to load them. */
interface Setup {
  name: string;
  processes: number;
  redis: boolean;
  /** Streams per process, or in all when they go through nginx. */
  streams: number;
  nginx?: boolean;
  broadcasts: number;
}

/** A `chirp-channel` target (bench/target.ts) as its own process, on the Redis at `redisUrl` when given. */
async function startTarget(redisUrl: string | undefined): Promise<FanOutServer & { daemon: Daemon }> {
  const env = { ...process.env, CHIRP_REDIS_URL: redisUrl ?? "" };
  const daemon = await Daemon.start(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "target.ts"), "chirp-channel"], /^http:\/\/\S+$/m, env);
  return { url: /^http:\/\/\S+$/m.exec(daemon.output)![0], pid: daemon.child.pid!, daemon };
}

/** Starts `setup`'s processes (and nginx), measures one fan-out, stops them. */
async function measure(setup: Setup, redis: RedisServer): Promise<FanOut> {
  const servers = await Promise.all(Array.from({ length: setup.processes }, () => startTarget(setup.redis ? redis.url : undefined)));
  const nginx = setup.nginx ? await Nginx.start(servers.map((server) => Number(new URL(server.url).port)), "60s") : undefined;
  try {
    return await fanOutAcross(servers, setup.streams, { broadcasts: setup.broadcasts, via: nginx?.url });
  } finally {
    await nginx?.stop();
    for (const server of servers) await server.daemon.stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const whole = (value: number) => Math.round(value).toLocaleString("en-US");

/** Measures every setup in `rounds` interleaved rounds; gives the section as Markdown lines. */
export async function redisFanOut(quick: boolean): Promise<string[]> {
  const total = quick ? 900 : 9_000;
  const rounds = quick ? 1 : 3;
  const viaNginx = quick ? 30 : 300;
  const fanOuts: Setup[] = [
    { name: `one process, in-memory channel, ${whole(total)} streams`, processes: 1, redis: false, streams: total, broadcasts: 5 },
    { name: `one process through Redis, ${whole(total)} streams`, processes: 1, redis: true, streams: total, broadcasts: 5 },
    { name: `three processes through one Redis, 3 × ${whole(total / 3)} streams`, processes: 3, redis: true, streams: total / 3, broadcasts: 5 },
  ];
  const throughNginx: Setup = { name: `nginx in front of three processes through one Redis, ${viaNginx} streams`, processes: 3, redis: true, streams: viaNginx, nginx: true, broadcasts: 20 };
  const setups = [...fanOuts, throughNginx];
  const samples = setups.map(() => [] as FanOut[]);
  const redis = await RedisServer.start();
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [index, setup] of setups.entries()) samples[index]!.push(await measure(setup, redis));
      console.error(`scale-out round ${round + 1} of ${rounds} done`);
    }
  } finally {
    await redis.stop();
  }
  const figures = samples.map((runs) => ({ p50: median(runs.map((run) => run.p50Ms)), p99: median(runs.map((run) => run.p99Ms)), kb: median(runs.map((run) => run.kbPerStream)) }));
  const reference = figures[0]!.p99;
  return [
    `## ${REDIS_TITLE}: one broadcast to ${whole(total)} open streams on \`app.channel()\`, delivery as the client saw it (5 broadcasts a round, median of ${rounds} rounds; a ratio above 1 is slower)\n`,
    "| setup | p99 ms | p50 ms | server KB/stream | vs one process |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...fanOuts.map((setup, index) => {
      const { p50, p99, kb } = figures[index]!;
      return `| ${setup.name} | ${p99.toFixed(2)} | ${p50.toFixed(2)} | ${kb.toFixed(1)} | ${(p99 / reference).toFixed(2)} |`;
    }),
    "",
    `Through nginx (deploy/nginx.conf): ${throughNginx.broadcasts} broadcasts, one after another, to ${throughNginx.name}, publish → received: ` +
      `p50 ${figures[3]!.p50.toFixed(2)} ms, p99 ${figures[3]!.p99.toFixed(2)} ms.\n`,
  ];
}
