import type { StartedRun } from "../../common/playground-protocol.ts";

/** Whether this browser reaches runs by their host names, found out by the first run of the page. */
let hostNamesWork: Promise<boolean> | undefined;

/**
 * Where to show a run: at its host name (`<id>.run.localhost`), unless the server
 * offers a per-port fallback (it does locally) and this browser cannot reach the
 * host name: Safari does not resolve `*.localhost` names. The first run of the
 * page is probed with a `fetch()` that fails only when the name does not resolve
 * or nothing answers; the answer holds for the page's later runs.
 */
export async function runAddress(run: StartedRun): Promise<string> {
  if (!run.fallbackUrl) return run.url;
  hostNamesWork ??= fetch(run.url, { method: "HEAD", mode: "no-cors", cache: "no-store" }).then(() => true, () => false);
  return (await hostNamesWork) ? run.url : run.fallbackUrl;
}
