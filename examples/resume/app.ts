import { App, AppConfig, EventStream, Fragment, Template, isMain } from "chirp";

export const app = new App({ config: new AppConfig({ templateDir: new URL("./templates", import.meta.url) }) });

const HISTORY = 20;
/** A counter feed whose events have ids; the last 20 are kept for readers that reconnect. */
const counter = app.channel("counter", { history: HISTORY });
let count = 0;

/** Milliseconds between counts: 1000, or the RESUME_TICK_MS environment variable. */
function tickMs(): number {
  const fromEnv = Number(process.env.RESUME_TICK_MS);
  return process.env.RESUME_TICK_MS && fromEnv > 0 ? fromEnv : 1000;
}

/** Counts one up and publishes it. */
export function tick(): void {
  count += 1;
  void counter.publish(new Fragment("resume.html", "tick", { count }));
}

/** The counter runs once someone has watched; unref'd, it never keeps the process alive. */
let timer: NodeJS.Timeout | undefined;

/** Aborted by "Drop connection": every open stream ends without the close event, so each browser reconnects. */
let drop = new AbortController();

app.route("/", () => new Template("resume.html", { count }));
app.route("/count", () => new Fragment("resume.html", "tick", { count }));

app.route("/events", { referenced: true }, (req) => {
  timer ??= setInterval(tick, tickMs()).unref();
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
