import type { Server } from "node:http";

/** Where to listen; port 0 picks a free port. */
export interface ListenOptions {
  host?: string;
  port?: number;
}

/** A listening server. */
export interface Listening {
  /** The base URL, e.g. `http://127.0.0.1:8000/`. */
  url: string;
  port: number;
  server: Server;
  /** Ends open streams, stops accepting connections and resolves when the server is closed. */
  close(): Promise<void>;
}
