import net from "node:net";

/**
 * A TCP proxy on a free loopback port in front of a real server, which can lose one
 * reply the way a network fault does: the connection that next sends a command matching
 * a pattern has that command carried out by the server, then its reply dropped and the
 * connection cut, so the client cannot know whether the command was applied.
 */
export class ReplyLosingProxy {
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  #armed: RegExp | undefined;
  /** How many replies it has lost. */
  lost = 0;

  private constructor(readonly targetPort: number) {
    this.#server = net.createServer((client) => this.#pipe(client));
  }

  /** Starts a proxy to `127.0.0.1:targetPort`. */
  static async start(targetPort: number): Promise<ReplyLosingProxy> {
    const proxy = new ReplyLosingProxy(targetPort);
    await new Promise<void>((resolve) => proxy.#server.listen(0, "127.0.0.1", resolve));
    return proxy;
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  /** The next command whose bytes match `command` gets its reply lost and its connection cut; once. */
  loseReplyTo(command: RegExp): void {
    this.#armed = command;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  #pipe(client: net.Socket): void {
    const server = net.connect(this.targetPort, "127.0.0.1");
    let losing = false;
    for (const socket of [client, server]) {
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
      socket.on("error", () => {});
    }
    client.on("data", (chunk) => {
      if (this.#armed?.test(chunk.toString("latin1"))) {
        this.#armed = undefined;
        losing = true;
      }
      server.write(chunk);
    });
    server.on("data", (chunk) => {
      if (!losing) return void client.write(chunk);
      this.lost += 1;
      client.destroy();
      server.destroy();
    });
    client.on("close", () => server.destroy());
    server.on("close", () => client.destroy());
  }
}
