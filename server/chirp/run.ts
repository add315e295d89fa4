import type { AppConfig } from "./config.ts";
import { logReport, type CheckOptions, type ContractReport } from "./contracts/index.ts";
import type { Listening, ListenOptions } from "./listening.ts";

/** What `runApp` uses of an app. */
export interface RunnableApp {
  readonly config: Pick<AppConfig, "logger" | "checkOnStart">;
  listen(options: ListenOptions): Promise<Listening>;
  check(options: CheckOptions): Promise<ContractReport>;
}

/** How long a shutdown may take before the process exits anyway. */
const EXIT_DEADLINE_MS = 5_000;

function portFrom(text: string | undefined): number {
  if (text === undefined || text === "") return 8000;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`PORT must be a whole number from 0 to 65535, got ${JSON.stringify(text)}`);
  return port;
}

/**
 * Serves `app` as a program: HOST and PORT from the environment (default
 * 127.0.0.1:8000), one log line with the URL, and a graceful shutdown on
 * SIGINT or SIGTERM that ends open streams and exits within five seconds.
 */
export async function runApp(app: RunnableApp, env: NodeJS.ProcessEnv = process.env): Promise<Listening> {
  const { logger } = app.config;
  const host = env.HOST || "127.0.0.1";
  const port = portFrom(env.PORT);
  let listening: Listening;
  try {
    listening = await app.listen({ host, port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      logger.error(`chirp: ${host}:${port} is already in use; set PORT to another port (PORT=0 picks a free one)`);
      process.exit(1);
    }
    throw error;
  }
  logger.info(`chirp: serving ${listening.url} (Ctrl+C to stop)`);
  if (app.config.checkOnStart) {
    // Debug start-up: report the app's wiring mistakes, reading the program's entry module as its source.
    app.check({ sources: process.argv.slice(1, 2) }).then((report) => logReport(report, logger), (error: unknown) => logger.warn(`chirp: contract check failed: ${String(error)}`));
  }
  const stop = (signal: NodeJS.Signals) => {
    logger.info(`chirp: ${signal} received, shutting down`);
    setTimeout(() => process.exit(1), EXIT_DEADLINE_MS).unref();
    listening.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return listening;
}
