import { describe, expect, it } from "vitest";
import { RequestLifetime } from "../../server/chirp/request-lifetime.ts";

describe("RequestLifetime", () => {
  it("aborts a signal asked for before the end, with the first reason", () => {
    const lifetime = new RequestLifetime();
    const { signal } = lifetime;
    expect(signal.aborted).toBe(false);
    lifetime.end(new Error("client disconnected"));
    lifetime.end(new Error("server shutting down"));
    expect([signal.aborted, (signal.reason as Error).message]).toEqual([true, "client disconnected"]);
  });

  it("hands out an aborted signal when asked only after the end", () => {
    const lifetime = new RequestLifetime();
    lifetime.end(new Error("server shutting down"));
    expect([lifetime.signal.aborted, (lifetime.signal.reason as Error).message]).toEqual([true, "server shutting down"]);
  });
});
