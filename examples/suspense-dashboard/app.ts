import { setTimeout as sleep } from "node:timers/promises";
import { App, AppConfig, HttpError, Suspense, isMain } from "chirp";

export const app = new App({ config: new AppConfig({ templateDir: new URL("./templates", import.meta.url) }) });

/** Seconds per unit of simulated delay: 1, or the DASHBOARD_DELAY environment variable. */
function delayScale(): number {
  const fromEnv = Number(process.env.DASHBOARD_DELAY);
  return process.env.DASHBOARD_DELAY && fromEnv >= 0 ? fromEnv : 1;
}

/** Waits like a slow data source would; stops at once when the reader leaves. */
function slow(seconds: number, signal: AbortSignal): Promise<void> {
  return sleep(seconds * delayScale() * 1000, undefined, { signal });
}

async function loadRevenue(signal: AbortSignal) {
  await slow(1.2, signal);
  return { total: "€48,210", change: "+12% on last week" };
}

async function loadOrders(signal: AbortSignal) {
  await slow(0.6, signal);
  return { count: 312, latest: ["#1042 · 2 mugs", "#1041 · 1 teapot", "#1040 · 6 cups"] };
}

async function loadInventory(signal: AbortSignal): Promise<never> {
  await slow(1.8, signal);
  throw new HttpError(503, "The stock service did not answer in time.");
}

// Promises in the context are deferred: the shell goes out at once, each tile follows when its data settles.
app.route("/", (req) =>
  new Suspense("dashboard.html", {
    title: "Sales today",
    revenue: loadRevenue(req.signal),
    orders: loadOrders(req.signal),
    inventory: loadInventory(req.signal),
  }),
);

if (isMain(import.meta)) app.run();
