import net from "node:net";
import { expect, it } from "vitest";
import { App } from "chirp";

/** A raw client connection to `port`, with everything it has received and whether it has closed. */
async function connect(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  const client = { socket, text: "", closed: new Promise<void>((resolve) => socket.on("close", () => resolve())) };
  socket.setEncoding("utf8");
  socket.on("data", (text: string) => (client.text += text));
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  return client;
}

/** Waits until `client` has received `text`. */
async function received(client: Awaited<ReturnType<typeof connect>>, text: string): Promise<void> {
  while (!client.text.includes(text)) await new Promise((resolve) => client.socket.once("data", resolve));
}

it("closes never-used and idle keep-alive connections at once, and lets a busy one finish its answer first", async () => {
  const app = new App();
  let finish: () => void = () => {};
  let started: () => void = () => {};
  const slowStarted = new Promise<void>((resolve) => (started = resolve));
  app.route("/quick", () => "quick");
  app.route("/slow", async () => {
    started();
    await new Promise<void>((resolve) => (finish = resolve));
    return "slow answer";
  });
  const listening = await app.listen({ port: 0 });
  const neverUsed = await connect(listening.port);
  const idle = await connect(listening.port);
  idle.socket.write("GET /quick HTTP/1.1\r\nHost: localhost\r\n\r\n");
  await received(idle, "quick");
  const busy = await connect(listening.port);
  busy.socket.write("GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n");
  await slowStarted;
  let busyClosed = false;
  void busy.closed.then(() => (busyClosed = true));

  const closing = listening.close();
  await Promise.all([neverUsed.closed, idle.closed]);
  expect(busyClosed).toBe(false);
  finish();
  await busy.closed;
  expect(busy.text).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nslow answer$/);
  await closing;
});
