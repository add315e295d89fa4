import { EventSource } from "eventsource";
import { afterAll, beforeAll, expect, it } from "vitest";
import { TestClient } from "chirp/testing";
import { app } from "../../examples/sse/app.ts";

const client = new TestClient(app);
beforeAll(() => {
  process.env.SSE_DELAY = "0.05";
});
afterAll(() => client.close());

it("delivers status, four notifications and close to an independent EventSource client, then nothing more", async () => {
  const source = new EventSource(new URL("/events", await client.url()));
  const received: { type: string; data: string }[] = [];
  for (const type of ["message", "status", "notification", "close"]) {
    source.addEventListener(type, (event) => received.push({ type, data: (event as MessageEvent).data }));
  }
  // The server ends the response after `close`; the client reports that as an error (it would reconnect).
  await new Promise<void>((resolve) => {
    source.onerror = () => resolve();
  });
  source.close();
  expect(received.map((event) => event.type)).toEqual(["status", "notification", "notification", "notification", "notification", "close"]);
  expect(received[0]!.data).toBe("connected");
  for (const event of received.slice(1, 5)) expect(event.data).toMatch(/^<li class="notification[^"]*">[\s\S]*<\/li>$/);
  expect(received[5]!.data).toBe("");
});
