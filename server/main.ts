import path from "node:path";
import { fileURLToPath } from "node:url";
import { App, AppConfig, isMain } from "chirp";
import { loadDocsSite, type DocsSite } from "./docs/docs-site.ts";
import { builtFrontEnd, devFrontEnd, ensureFrontEndBuilt, type FrontEnd } from "./docs/front-end.ts";
import { DOCS_TEMPLATES, mountDocs } from "./docs/mount-docs.ts";
import { securityHeaders } from "./docs/security-headers.ts";
import { recordExamples, type ExampleRecording } from "./docs/example-recording.ts";
import { exportStatic } from "./docs/static-export.ts";
import { DEFAULT_RUN_DOMAIN, hostingOptions, hostingWarnings, type HostingOptions } from "./hosting-options.ts";
import { SiteHosts } from "./site-hosts.ts";
import { registerPlayground, type Limits, type PublicMode } from "./playground/index.ts";

/** The project folder. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** How to start the docs server. */
export interface ServerOptions {
  /** Vite's dev middleware, template and content reload, errors shown in the page. */
  dev?: boolean;
  /** Pages for a static copy (they say the example panes need the live server). */
  staticCopy?: boolean;
  /** For a static copy: the recorded example runs its example pages show (see {@link recordExamples}). */
  recordings?: ReadonlyMap<string, ExampleRecording>;
  /** Use this front end instead of building one (tests of the server side). */
  frontEnd?: FrontEnd;
  /** How the server is hosted; by default read from the command line and environment. */
  hosting?: HostingOptions;
  /** Limits of the example runs in place of the defaults (`DEFAULT_LIMITS`): e.g. fewer runs at once. */
  runLimits?: Partial<Limits>;
}

/** The playground's public mode when the server has a public URL: shared runs, per-IP limits. */
function publicMode(hosting: HostingOptions): Partial<PublicMode> | undefined {
  if (hosting.publicUrl === undefined) return undefined;
  const { trustProxy, runIdleMinutes, runsPerMinute, streamsPerIp, connectionsPerIp } = hosting;
  return {
    trustProxy,
    ...(runIdleMinutes === undefined ? {} : { idleMs: runIdleMinutes * 60_000 }),
    ...(runsPerMinute === undefined ? {} : { startsPerMinute: runsPerMinute }),
    ...(streamsPerIp === undefined ? {} : { streamsPerIp }),
    ...(connectionsPerIp === undefined ? {} : { connectionsPerIp }),
  };
}

/** The docs server and the content it serves. */
export interface DocsServer {
  app: App;
  site: DocsSite;
}

/**
 * The docs server: one chirp App serving the docs, their front end, the
 * framework's own htmx files and, by host name, the runs of the examples. The
 * playground comes first (it routes run hosts away from the docs); the docs are
 * mounted last: `/docs/*` is theirs.
 */
export async function createServer(options: ServerOptions = {}): Promise<DocsServer> {
  const app = new App({ config: new AppConfig({ templateDir: DOCS_TEMPLATES, debug: options.dev }) });
  const hosting = options.hosting ?? hostingOptions();
  const hosts = new SiteHosts(hosting);
  registerPlayground(app, { root: ROOT, readOnly: hosting.readOnly, publicMode: publicMode(hosting), hosts, limits: options.runLimits });
  app.use(securityHeaders({ dev: options.dev, runs: hosts.runSources }));
  const site = await loadDocsSite(ROOT);
  let frontEnd = options.frontEnd;
  if (!frontEnd && options.dev) {
    const dev = await devFrontEnd(ROOT);
    dev.onChange((file) => site.changed(file) && dev.reload());
    frontEnd = dev;
  }
  if (!frontEnd) {
    await ensureFrontEndBuilt(ROOT);
    frontEnd = builtFrontEnd(ROOT);
  }
  mountDocs(app, { site: () => site.current(), frontEnd, mode: options.staticCopy ? "static" : "live", publicUrl: hosting.publicUrl, recordings: options.recordings });
  return { app, site };
}

/** `npm run build`: a recorded run of every example, the front end, then every page into `dist/`. */
async function build(): Promise<void> {
  // A static copy runs nothing, so --public-url needs no --run-domain here: the default stands in (a given one comes first).
  const hosting = hostingOptions([...process.argv, "--run-domain", DEFAULT_RUN_DOMAIN]);
  const started = Date.now();
  const recordings = await recordExamples(ROOT);
  for (const { example, error } of recordings.values()) if (error) console.warn(`chirp docs: no recording of ${example}: ${error}`);
  console.log(`chirp docs: recorded ${recordings.size} example runs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const { app, site } = await createServer({ staticCopy: true, recordings, hosting });
  const count = await exportStatic(app, site.current(), path.join(ROOT, "dist"));
  console.log(`chirp docs: wrote ${count} files to dist/ — serve it with any static file server`);
}

if (isMain(import.meta)) {
  try {
    if (process.argv.includes("--build")) await build();
    else {
      const hosting = hostingOptions();
      for (const warning of hostingWarnings(hosting)) console.warn(`chirp docs: ${warning}`);
      await (await createServer({ dev: process.argv.includes("--dev"), hosting })).app.run();
    }
  } catch (error) {
    console.error(`chirp docs: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
