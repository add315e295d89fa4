import { App, AppConfig, EventStream, type AppConfigInit, type Channel } from "chirp";

/** The templates of the framework's own tests. */
export const FIXTURE_TEMPLATES = new URL("../chirp/fixtures/templates", import.meta.url);

/** An app (on the framework tests' templates, with `config`) whose `/events` streams `channel`, without heartbeats. */
export function channelApp(channel: Channel, config: Partial<AppConfigInit> = {}): App {
  const app = new App({ config: new AppConfig({ templateDir: FIXTURE_TEMPLATES, ...config }) });
  app.route("/events", { referenced: true }, (req) => new EventStream(channel.subscribe(req), { heartbeatMs: 0 }));
  return app;
}
