/** A Redis Stream entry id: `<milliseconds>-<sequence>`. */
export const STREAM_ID = /^\d{1,20}-\d{1,20}$/;

/** Whether stream id `a` comes after `b`. */
export function isAfter(a: string, b: string): boolean {
  const [aTime, aSeq] = a.split("-").map(BigInt) as [bigint, bigint];
  const [bTime, bSeq] = b.split("-").map(BigInt) as [bigint, bigint];
  return aTime > bTime || (aTime === bTime && aSeq > bSeq);
}
