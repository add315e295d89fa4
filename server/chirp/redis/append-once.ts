import type { Redis } from "ioredis";

/** How long Redis remembers a publisher's last append per stream after its last publish: a day. */
const MARKS_KEPT_SECONDS = 86_400;

/**
 * `XADD` made safe to send twice. ioredis sends a command again after a reconnect when
 * its reply was lost with the connection, though Redis may have carried it out already;
 * a plain `XADD` would then add the event twice. Here every append carries its
 * publisher and a sequence number that grows with each append of that publisher; the
 * script adds the entry only when the number is past the last one it recorded for that
 * publisher and stream, and otherwise answers the id of the entry the first send added
 * (nil when the stream no longer holds it).
 *
 * KEYS: the stream, the publisher's marks (a hash: stream → "<sequence> <id>").
 * ARGV: MAXLEN, the value, the tag "<publisher>:<sequence>", the sequence, seconds the marks are kept.
 */
const SCRIPT = `
local mark = redis.call('HGET', KEYS[2], KEYS[1])
if mark then
  local last, lastId = string.match(mark, '^(%d+) (%S+)$')
  local sequence = tonumber(ARGV[4])
  if sequence == tonumber(last) then return lastId end
  if sequence < tonumber(last) then
    for _, entry in ipairs(redis.call('XREVRANGE', KEYS[1], lastId, '-')) do
      local fields = entry[2]
      for i = 1, #fields - 1, 2 do
        if fields[i] == 'p' and fields[i + 1] == ARGV[3] then return entry[1] end
      end
    end
    return false
  end
end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'v', ARGV[2], 'p', ARGV[3])
redis.call('HSET', KEYS[2], KEYS[1], ARGV[4] .. ' ' .. id)
redis.call('EXPIRE', KEYS[2], ARGV[5])
return id
`;

/** A connection that knows the `appendOnce` script. */
type WithAppendOnce = Redis & {
  appendOnce(stream: string, marks: string, maxLen: string, value: string, tag: string, sequence: string, keptSeconds: string): Promise<string | null>;
};

/** Teaches `connection` the script (ioredis sends it by its hash, and the whole of it when Redis does not know it yet). */
export function defineAppendOnce(connection: Redis): void {
  connection.defineCommand("appendOnce", { numberOfKeys: 2, lua: SCRIPT });
}

/**
 * Appends `value` to `stream` (capped near `maxLen` entries) as the `sequence`-th append of
 * `publisher`, whose marks live at `marks`; gives the entry's id, the same one however often
 * the command reaches Redis.
 */
export function appendOnce(connection: Redis, stream: string, marks: string, maxLen: number, value: string, publisher: string, sequence: number): Promise<string | null> {
  const seq = String(sequence);
  return (connection as WithAppendOnce).appendOnce(stream, marks, String(maxLen), value, `${publisher}:${seq}`, seq, String(MARKS_KEPT_SECONDS));
}
