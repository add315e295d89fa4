import { App, AppConfig, EventStream, Fragment, Template, isMain } from "chirp";
import { redisChannels } from "chirp/redis";

export const app = new App({
  config: new AppConfig({
    templateDir: new URL("./templates", import.meta.url),
    // With CHIRP_REDIS_URL, every process of this app shares its channels through Redis.
    channels: process.env.CHIRP_REDIS_URL ? redisChannels({ url: process.env.CHIRP_REDIS_URL }) : undefined,
  }),
});

/** Every reader's stream is fed by this one channel: the metrics are made once, whoever watches. */
const metrics = app.channel("metrics");

/** Milliseconds between readings: 1000, or the DASHBOARD_TICK_MS environment variable. */
function tickMs(): number {
  const fromEnv = Number(process.env.DASHBOARD_TICK_MS);
  return process.env.DASHBOARD_TICK_MS && fromEnv > 0 ? fromEnv : 1000;
}

const HISTORY = 30;
const LOG_LINES = 20;
const SERVICES = ["api", "auth", "billing", "search"];

/** The simulated service being watched: deterministic, so every run shows the same numbers. */
const state = { tick: 0, requests: [] as number[], log: [] as { reading: number; text: string; level: string }[] };

function reading(tick: number) {
  const requests = Math.round(140 + 60 * Math.sin(tick / 4) + 25 * Math.sin(tick / 1.7));
  const latency = Math.round(38 + 14 * Math.cos(tick / 3) + (tick % 11 === 0 ? 45 : 0));
  const errors = tick % 11 === 0 ? 2.4 : tick % 5 === 0 ? 0.6 : 0.1;
  return { requests, latency, errors };
}

/** What the page shows now: tiles, the sparkline's points and the log. */
function view() {
  const now = reading(state.tick);
  const max = Math.max(...state.requests, 1);
  const points = state.requests.map((value, index) => `${(index * 100) / (HISTORY - 1)},${(40 - (value / max) * 36).toFixed(1)}`).join(" ");
  return { ...now, readers: metrics.subscribers, points, log: state.log };
}

/** Takes the next reading and publishes it as three fragments (named events in htmx 2, partials in htmx 4), to every reader at once. */
export function tick(): void {
  state.tick += 1;
  const now = reading(state.tick);
  state.requests = [...state.requests, now.requests].slice(-HISTORY);
  const service = SERVICES[state.tick % SERVICES.length] as string;
  const level = now.errors > 1 ? "error" : now.latency > 60 ? "warn" : "info";
  const text = level === "error" ? `${service}: error rate ${now.errors}%` : level === "warn" ? `${service}: slow answers (${now.latency} ms)` : `${service}: healthy, ${now.requests} req/s`;
  state.log = [{ reading: state.tick, text, level }, ...state.log].slice(0, LOG_LINES);
  const context = view();
  metrics.publish(new Fragment("dashboard.html", "tiles", context));
  metrics.publish(new Fragment("dashboard.html", "sparkline", context));
  // The log block is the whole <ol id="log">: htmx 4 swaps it in place of the old one (htmx 2's sse-swap="log" holds it).
  metrics.publish(new Fragment("dashboard.html", "log", context, { swap: "outerHTML" }));
}

/** The source ticks only while someone watches: the first reader starts it, the last one to leave stops it. */
let timer: NodeJS.Timeout | undefined;
function watching(signal: AbortSignal): void {
  timer ??= setInterval(tick, tickMs());
  signal.addEventListener("abort", () => {
    if (metrics.subscribers > 0) return;
    clearInterval(timer);
    timer = undefined;
  });
}

app.route("/", () => new Template("dashboard.html", view()));

app.route("/events", { referenced: true }, (req) => {
  const stream = new EventStream(metrics.subscribe(req));
  watching(req.signal);
  return stream;
});

if (isMain(import.meta)) app.run();
