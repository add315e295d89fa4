/**
 * Runs inside the sandbox: loads the bundled test file (which registers its tests
 * with the vitest stand-in), runs the tests and reports each outcome to the parent.
 */
import "./process-guard.ts";
import { started, startPinging, tell } from "./channel.ts";
import { runRegisteredTests } from "./vitest-shim.ts";

startPinging();
// The app reads CHIRP_HTMX when it builds its AppConfig, which loading the test file does.
process.env.CHIRP_HTMX = String((await started()).htmx);
await import(new URL("./app.mjs", import.meta.url).href);
await tell({ type: "ready" });
await tell({ type: "tests", tests: await runRegisteredTests() });
process.exit(0);
