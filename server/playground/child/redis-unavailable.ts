import type { redisChannels as realRedisChannels } from "../../chirp/redis/index.ts";

/**
 * `chirp/redis` as a workbench run sees it: a run has no network beyond its own
 * proxy, so no Redis server can be reached from it. Examples that choose Redis
 * only when `CHIRP_REDIS_URL` is set (never, in a run) load and run as written;
 * asking for Redis anyway says why it cannot work here.
 */
export const redisChannels: typeof realRedisChannels = () => {
  throw new Error("chirp/redis: a workbench run cannot reach a Redis server (runs have no network); run the example on your machine with CHIRP_REDIS_URL to use Redis.");
};
