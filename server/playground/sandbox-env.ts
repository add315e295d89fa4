/** The environment variables through which the docs server tells a sandboxed child how it runs (shared by both sides). */

/** `isolated` or `guarded` (see `isolation.ts`); set to `guarded` in the docs server's environment, it forces the guard. */
export const ISOLATION_ENV = "CHIRP_ISOLATION";

/** The Unix socket in the run's folder the child serves its app on, for the run's proxy. */
export const RUN_SOCKET_ENV = "CHIRP_RUN_SOCKET";
