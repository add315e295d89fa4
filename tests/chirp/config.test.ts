import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AppConfig } from "chirp";

const saved = { CHIRP_DEBUG: process.env.CHIRP_DEBUG, CHIRP_CHECK: process.env.CHIRP_CHECK };
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("AppConfig", () => {
  it("resolves the template folder from a path or a file URL", () => {
    expect(new AppConfig().templateDir).toBe(path.resolve("templates"));
    expect(new AppConfig({ templateDir: new URL("file:///srv/app/templates") }).templateDir).toBe("/srv/app/templates");
  });

  it("takes debug from CHIRP_DEBUG unless given", () => {
    delete process.env.CHIRP_DEBUG;
    expect(new AppConfig().debug).toBe(false);
    process.env.CHIRP_DEBUG = "1";
    expect(new AppConfig().debug).toBe(true);
    expect(new AppConfig({ debug: false }).debug).toBe(false);
  });

  it("checks the wiring at start-up in debug, unless CHIRP_CHECK=0", () => {
    delete process.env.CHIRP_CHECK;
    expect(new AppConfig({ debug: false }).checkOnStart).toBe(false);
    expect(new AppConfig({ debug: true }).checkOnStart).toBe(true);
    process.env.CHIRP_CHECK = "0";
    expect(new AppConfig({ debug: true }).checkOnStart).toBe(false);
    expect(new AppConfig({ debug: true, checkOnStart: true }).checkOnStart).toBe(true);
  });

  it("refuses a close event name that cannot go on the wire", () => {
    expect(() => new AppConfig({ sseCloseEvent: "done\n" })).toThrow("sseCloseEvent must not contain CR, LF or NUL");
  });

  it("refuses a reconnection delay that is not a whole number of milliseconds", () => {
    expect(() => new AppConfig({ sseRetryMs: 1.5 })).toThrow("AppConfig sseRetryMs must be a non-negative integer of milliseconds, got 1.5");
    expect(() => new AppConfig({ sseRetryMs: -1 })).toThrow("got -1");
    expect(new AppConfig({ sseRetryMs: 0 }).sseRetryMs).toBe(0);
  });
});
