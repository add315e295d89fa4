import { randomUUID } from "node:crypto";
import { App, AppConfig, EventStream, Fragment, Template, isMain } from "chirp";
import { redisChannels } from "chirp/redis";

export const app = new App({
  config: new AppConfig({
    templateDir: new URL("./templates", import.meta.url),
    // With CHIRP_REDIS_URL, every process of this app shares the counter through Redis: a reader resumes on any of them.
    channels: process.env.CHIRP_REDIS_URL ? redisChannels({ url: process.env.CHIRP_REDIS_URL }) : undefined,
  }),
});

const HISTORY = 20;
/** A counter feed whose events have ids; the last 20 are kept for readers that reconnect. */
const counter = app.channel("counter", { history: HISTORY });

/** This process, among those that share the counter. */
const me = randomUUID();
/** The newest count, published by any process: each follows the channel, so there is one count however many run. */
let count = 0;
/** Whether a process that ranks before this one counted since this one's timer last fired: then it leaves the counting to that one. */
let outranked = false;

/** Follows the counter channel for as long as the process runs. */
async function follow(): Promise<void> {
  for await (const value of counter.subscribe({ signal: new AbortController().signal })) {
    const published = typeof value === "object" && "value" in value ? value.value : undefined;
    if (!(published instanceof Fragment)) continue;
    const { count: counted, by } = published.context as { count: number; by: string };
    count = Math.max(count, counted);
    if (by < me) outranked = true;
  }
}
void follow();

/** Milliseconds between counts: 1000, or the RESUME_TICK_MS environment variable. */
function tickMs(): number {
  const fromEnv = Number(process.env.RESUME_TICK_MS);
  return process.env.RESUME_TICK_MS && fromEnv > 0 ? fromEnv : 1000;
}

/** Counts one up and publishes it. */
export function tick(): void {
  count += 1;
  void counter.publish(new Fragment("resume.html", "tick", { count, by: me }));
}

/** The timer's tick: this process counts unless another one does. */
function onTimer(): void {
  if (!outranked) tick();
  outranked = false;
}

/** The counter runs once someone has watched; unref'd, it never keeps the process alive. */
let timer: NodeJS.Timeout | undefined;

/** Aborted by "Drop connection": every open stream ends without the close event, so each browser reconnects. */
let drop = new AbortController();

app.route("/", () => new Template("resume.html", { count }));
app.route("/count", () => new Fragment("resume.html", "tick", { count }));

app.route("/events", { referenced: true }, (req) => {
  timer ??= setInterval(onTimer, tickMs()).unref();
  const feed = counter.subscribe(req, { signal: drop.signal });
  const resumedAfter = req.lastEventId ?? (typeof req.query.lastEventId === "string" ? req.query.lastEventId : undefined);
  async function* stream() {
    // Says which Last-Event-ID this connection came with; it has no id, so the browser's stays as it is.
    yield new Fragment("resume.html", "hello", { resumedAfter });
    yield* feed;
  }
  return new EventStream(stream(), { retry: 1000 });
});

app.route("/drop", { methods: ["POST"] }, async (req) => {
  drop.abort();
  drop = new AbortController();
  // "Lose more than the history": the reader is away while more events pass than the channel keeps.
  if ((await req.form()).get("lose") === "more") for (let n = 0; n <= HISTORY; n += 1) tick();
  return null;
});

if (isMain(import.meta)) app.run();
