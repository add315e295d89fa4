import { setTimeout as sleep } from "node:timers/promises";
import { App, AppConfig, EventStream, Fragment, SSEEvent, Template, isMain } from "chirp";

const config = new AppConfig({
  templateDir: new URL("./templates", import.meta.url),
  sseCloseEvent: "close",
});
export const app = new App({ config });

const NOTIFICATIONS = [
  { title: "Welcome", message: "You are now connected to the live feed." },
  { title: "Update", message: "New deployment started." },
  { title: "Alert", message: "CPU usage above 90% on worker-3." },
  { title: "Resolved", message: "CPU usage back to normal." },
];

/** Seconds between notifications: 1.5, or the SSE_DELAY environment variable. */
function delaySeconds(): number {
  const fromEnv = Number(process.env.SSE_DELAY);
  return process.env.SSE_DELAY && fromEnv >= 0 ? fromEnv : 1.5;
}

app.route("/", () => new Template("feed.html"));

app.route("/events", { referenced: true }, (req) => {
  async function* generate() {
    // A structured event with its own name: htmx's default message channel never sees it.
    yield new SSEEvent({ data: "connected", event: "status" });

    // Rendered HTML, appended to the feed: htmx 2 gets it as the "notification" event that
    // sse-swap="notification" listens for, htmx 4 as an <hx-partial> aimed at #notification.
    for (const notification of NOTIFICATIONS) {
      await sleep(delaySeconds() * 1000, undefined, { signal: req.signal });
      yield new Fragment("feed.html", "notification", notification, { swap: "beforeend" });
    }
  }
  return new EventStream(generate());
});

if (isMain(import.meta)) app.run();
