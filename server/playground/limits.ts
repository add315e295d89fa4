/** The limits every sandboxed run and test process lives under. */
export interface Limits {
  /** V8 heap of the child (`--max-old-space-size`), in MB. */
  heapMb: number;
  /** Resident memory (heap, buffers and all) past which the child is killed, in MB. */
  rssMb: number;
  /** How long a run may live. */
  lifetimeMs: number;
  /** How long a run may take from start to listening. */
  startMs: number;
  /** How long the example's tests may take. */
  testMs: number;
  /** How long the child's event loop may stay blocked before it is killed. */
  blockedMs: number;
  /** Bytes of stdout + stderr kept per process. */
  outputBytes: number;
  /** Processes alive at once; the oldest idle run is ended to make room. */
  maxRuns: number;
  /** How long a run outlives the last page watching it. */
  pageGoneMs: number;
  /** Total bytes of submitted files. */
  sourceBytes: number;
}

/** What the issue promises: 256 MB heap, 10 minutes, 4 runs, output capped. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  heapMb: 256,
  rssMb: 512,
  lifetimeMs: 10 * 60_000,
  startMs: 10_000,
  testMs: 60_000,
  blockedMs: 5_000,
  outputBytes: 64 * 1024,
  maxRuns: 4,
  pageGoneMs: 10_000,
  sourceBytes: 512 * 1024,
});
