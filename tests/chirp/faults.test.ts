import { App, silentLogger, AppConfig } from "chirp";
import { expect, it } from "vitest";
import { halfOpenConnections, sigtermWithOpenStreams, stalledReader } from "../support/faults.ts";

it("SIGTERM with 1,000 open streams: every stream gets its end and the process exits cleanly, before its 5 s deadline", async () => {
  const outcome = await sigtermWithOpenStreams(1_000);
  expect(outcome).toMatchObject({ streams: 1_000, ended: 1_000, exitCode: 0 });
}, 180_000);

it("a reader that stops reading is cut off after the stall timeout and the stream's generator is finished", async () => {
  const outcome = await stalledReader(300);
  expect(outcome).toMatchObject({ finalised: true, serverAnswered: true });
});

it("500 half-open connections do not stop the server answering", async () => {
  const app = new App({ config: new AppConfig({ logger: silentLogger }) });
  app.route("/", () => "up");
  const listening = await app.listen({ port: 0 });
  try {
    expect(await halfOpenConnections(listening, 500, false)).toMatchObject({ connections: 500, answered: true });
  } finally {
    await listening.close();
  }
});

it("refuses a stall timeout that is not a positive whole number of milliseconds", () => {
  for (const sseStallTimeoutMs of [0, -1, 1.5, Number.NaN]) {
    expect(() => new AppConfig({ sseStallTimeoutMs })).toThrow(/sseStallTimeoutMs must be a positive integer/);
  }
});
