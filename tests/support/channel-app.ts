import { onTestFinished } from "vitest";
import { App, AppConfig, EventStream, type AppConfigInit, type Channel } from "chirp";
import { TestClient } from "chirp/testing";

/** The templates of the framework's own tests. */
export const FIXTURE_TEMPLATES = new URL("../chirp/fixtures/templates", import.meta.url);

/** An app (on the framework tests' templates, with `config`) whose `/events` streams `channel`, without heartbeats. */
function channelApp(channel: Channel, config: Partial<AppConfigInit> = {}): App {
  const app = new App({ config: new AppConfig({ templateDir: FIXTURE_TEMPLATES, ...config }) });
  app.route("/events", { referenced: true }, (req) => new EventStream(channel.subscribe(req), { heartbeatMs: 0 }));
  return app;
}

/** {@link channelApp} and a TestClient for it, closed when the test finishes. */
export function serveChannel(channel: Channel, config: Partial<AppConfigInit> = {}): { app: App; client: TestClient } {
  const app = channelApp(channel, config);
  const client = new TestClient(app);
  onTestFinished(() => client.close());
  return { app, client };
}
