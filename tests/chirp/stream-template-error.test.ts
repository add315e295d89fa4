import { afterAll, expect, it } from "vitest";
import { App, AppConfig, EventStream, Fragment } from "chirp";
import { TestClient } from "chirp/testing";
import { recordingLogger } from "../support/recording-logger.ts";

// A fragment that fails to render in a debug stream: its error event names the
// failing filter's own line and column, not those of its enclosing block.
const logger = recordingLogger();
const app = new App({ config: new AppConfig({ templateDir: new URL("./fixtures/templates", import.meta.url), debug: true, logger }) });
app.route("/events", { referenced: true }, () => {
  async function* generate() {
    yield new Fragment("unknown-filter.html", "items", { item: { name: "a" } });
  }
  return new EventStream(generate());
});
const client = new TestClient(app);
afterAll(() => client.close());

it("names the failing filter's line and column in the debug error event and the log", async () => {
  const { events } = await client.sse("/events", { maxEvents: 1 });
  expect(events[0]?.event).toBe("items");
  expect(events[0]?.data).toContain("unknown-filter.html:5:22: filter not found: shout");
  expect(logger.lines.map((line) => line.message).join("\n")).toContain("unknown-filter.html:5:22");
});
