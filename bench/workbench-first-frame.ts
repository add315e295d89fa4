/**
 * `npm run bench:workbench`: the time from clicking Run in the workbench to the
 * first frame in its Event frames pane, on the SSE example page of the real docs
 * server in Chromium (build with esbuild, sandboxed process start, iframe load,
 * htmx connecting, the proxy's tap, the feed). Runs are PAUSE_MS apart, as when a
 * person reads the output before the next Run (the runner starts the next run's
 * process ahead of time; back to back, with BENCH_PAUSE_MS=0, runs wait for it).
 * Prints the median of ROUNDS runs and writes bench/workbench-first-frame.md.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createServer } from "../server/main.ts";
import { launchChromium } from "../tests/support/browser.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const PAUSE_MS = Number(process.env.BENCH_PAUSE_MS ?? 2_000);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const docs = await createServer();
const server = await docs.app.listen({ port: 0 });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(new URL("/docs/examples/sse/", server.url).href);
  await page.locator(".wb-source [role=tab]").first().focus(); // the editor loads when the Source pane is first reached
  await page.locator("#workbench[data-editor=ready]").waitFor();
  await page.locator(".wb-frame").first().waitFor();
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await page.waitForTimeout(PAUSE_MS);
    const ms = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const frames = document.querySelector(".wb-frames")!;
          const run = [...document.querySelectorAll<HTMLButtonElement>(".wb-toolbar button")].find((button) => button.textContent === "Run")!;
          let started = 0;
          const seen = new MutationObserver(() => {
            if (started && frames.querySelector(".wb-frame")) {
              seen.disconnect();
              resolve(performance.now() - started);
            }
          });
          seen.observe(frames, { childList: true });
          started = performance.now();
          run.click();
        }),
    );
    times.push(Math.round(ms));
    console.log(`round ${round + 1}: ${Math.round(ms)} ms`);
  }
  const result = `# Workbench: Run → first frame

Measured by \`npm run bench:workbench\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores
(${os.cpus()[0]?.model.trim()}, load average ${os.loadavg()[0]!.toFixed(1)} at the end), Chromium headless, ${ROUNDS} runs of the
SSE example after a warm-up run, ${PAUSE_MS} ms apart.

| median | min | max | target |
| --- | --- | --- | --- |
| ${median(times)} ms | ${Math.min(...times)} ms | ${Math.max(...times)} ms | ≤ 500 ms |

Each run: POST /api/runs (esbuild bundle of the edited files, the standby sandboxed process starting them, the proxy), the iframe loading \`/\`,
htmx opening \`/events\`, the proxy tapping the \`status\` frame, the feed delivering it to the page.
All rounds: ${times.join(", ")} ms.
`;
  writeFileSync(path.join(import.meta.dirname, "workbench-first-frame.md"), result);
  console.log(result);
} finally {
  await browser.close();
  await server.close();
  process.exit(0);
}
