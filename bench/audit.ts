/**
 * `npm run audit`: Lighthouse (the npm package, driving Debian's Chromium, offline)
 * on the docs served as `npm start` serves them: the home page, a concepts page,
 * a reference page and every example page, as desktop and as mobile. Writes a
 * table of the four category scores, the bytes transferred and the layout shift
 * (CLS) to bench/audit.md. Kept out of `npm test`, like the benchmarks.
 *
 * `npm run audit -- /docs/examples/hello/ …` audits only the pages named and
 * prints the table and its misses without writing bench/audit.md.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import lighthouse, { desktopConfig, type Flags, type RunnerResult } from "lighthouse";
import { createServer } from "../server/main.ts";
import { CHROMIUM_ARGS } from "../tests/support/browser.ts";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
/** The transfer targets of issue 18, in bytes: before the reader touches the editor on an example page, and on other pages. */
const TARGETS = { example: 1.5 * 1024 * 1024, other: 100 * 1024 };
const CLS_TARGET = 0.02;

/** Starts Chromium with a DevTools port for Lighthouse; resolves to the port and a way to stop it. */
async function startChromium(): Promise<{ port: number; stop(): Promise<void> }> {
  const profile = mkdtempSync(path.join(os.tmpdir(), "chirp-audit-"));
  const chromium = spawn(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", [...CHROMIUM_ARGS, "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let seen = "";
    chromium.stderr.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(seen);
      if (match) resolve(Number(match[1]));
    });
    chromium.once("exit", (code) => reject(new Error(`Chromium exited (${code}) before it listened: ${seen.slice(-500)}`)));
  });
  return {
    port,
    async stop() {
      const exited = once(chromium, "exit");
      chromium.kill();
      await exited;
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The elements Lighthouse saw move, by selector. */
function shifted(result: RunnerResult): string[] {
  const details = result.lhr.audits["layout-shifts"]?.details as { items?: { node?: { selector?: string } }[] } | undefined;
  return (details?.items ?? []).map((item) => `\`${item.node?.selector ?? "?"}\``);
}

const docs = await createServer();
const server = await docs.app.listen({ port: 0 });
const examples = docs.site
  .current()
  .pages.filter((page) => page.example)
  .map((page) => page.url);
const named = process.argv.slice(2);
const pages = named.length ? named : ["/", "/docs/concepts/server-sent-events/", "/docs/reference/streams/", ...examples];
const chromium = await startChromium();

const rows: string[] = [];
const misses: string[] = [];
try {
  for (const url of pages) {
    for (const formFactor of ["desktop", "mobile"] as const) {
      const flags: Flags = { port: chromium.port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES] };
      const result = (await lighthouse(new URL(url, server.url).href, flags, formFactor === "desktop" ? desktopConfig : undefined)) as RunnerResult;
      const { categories, audits } = result.lhr;
      const scores = CATEGORIES.map((name) => Math.round((categories[name]?.score ?? 0) * 100));
      const bytes = audits["total-byte-weight"]?.numericValue ?? 0;
      const cls = audits["cumulative-layout-shift"]?.numericValue ?? 0;
      const target = examples.includes(url) ? TARGETS.example : TARGETS.other;
      rows.push(`| ${url} | ${formFactor} | ${scores.join(" | ")} | ${(bytes / 1024).toFixed(0)} KB | ${cls.toFixed(3)} |`);
      console.log(rows.at(-1));
      for (const [index, name] of CATEGORIES.entries()) {
        if (name !== "performance" && scores[index]! < 100) {
          const failing = Object.values(audits).filter((audit) => audit.score !== null && audit.score < 1 && result.lhr.categories[name]?.auditRefs.some((ref) => ref.id === audit.id && ref.weight > 0));
          misses.push(`- ${url} (${formFactor}) ${name} ${scores[index]}: ${failing.map((audit) => audit.id).join(", ")}`);
        }
      }
      if (bytes > target) misses.push(`- ${url} (${formFactor}): ${(bytes / 1024).toFixed(0)} KB transferred, over the ${(target / 1024).toFixed(0)} KB target`);
      if (cls > CLS_TARGET) misses.push(`- ${url} (${formFactor}): CLS ${cls.toFixed(3)}, over ${CLS_TARGET}; moved: ${shifted(result).join(", ")}`);
    }
  }
} finally {
  await chromium.stop();
  await server.close();
}

if (named.length) {
  console.log(misses.length ? `\nMissed:\n\n${misses.join("\n")}` : "\nEvery audited page meets every target.");
  process.exit(0);
}
writeFileSync(
  path.join(import.meta.dirname, "audit.md"),
  `# Lighthouse audit of the docs

Measured by \`npm run audit\` on ${new Date().toISOString().slice(0, 10)}: Lighthouse ${(await import("lighthouse/package.json", { with: { type: "json" } })).default.version}, Debian's Chromium (headless),
Node ${process.version}, ${os.cpus().length} cores (load average ${os.loadavg()[0]!.toFixed(1)} at the end). Desktop uses Lighthouse's desktop
settings, mobile its default (a throttled phone); performance scores move with the machine's load. Transferred:
every byte the page loaded, compressed as sent, before any interaction (on an example page: before the reader
touches the editor). Targets: accessibility, best practices and SEO 100; ≤ 100 KB on docs pages, ≤ 1.5 MB on
example pages; CLS ≤ ${CLS_TARGET}.

| page | form | performance | accessibility | best practices | SEO | transferred | CLS |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}

${misses.length ? `Missed:\n\n${misses.join("\n")}` : "Every audited page meets every target."}
`,
);
process.exit(0);
