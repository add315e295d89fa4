/**
 * chirp/redis: channels shared by several processes through Redis. A subpath of its
 * own, so `ioredis` loads only in apps that use it.
 */
export { redisChannels, type RedisChannels, type RedisChannelsOptions } from "./redis-channels.ts";
