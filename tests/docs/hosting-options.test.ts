import { describe, expect, it } from "vitest";
import { DEFAULT_RUN_DOMAIN, HostingOptionError, hostingOptions, hostingWarnings } from "../../server/hosting-options.ts";

describe("hosting options", () => {
  it("is local, editable and on run.localhost by default", () => {
    expect(hostingOptions([], {})).toEqual({ readOnly: false, runDomain: DEFAULT_RUN_DOMAIN, trustProxy: false });
  });

  it("reads --read-only and CHIRP_READ_ONLY", () => {
    expect(hostingOptions(["--read-only"], {}).readOnly).toBe(true);
    expect(hostingOptions([], { CHIRP_READ_ONLY: "1" }).readOnly).toBe(true);
  });

  it("takes a public URL from the flag (both spellings) or the environment, and it implies read-only", () => {
    const runs = ["--run-domain", "runs.example.com"];
    expect(hostingOptions(["--public-url", "https://docs.example.com/", ...runs], {})).toEqual({ readOnly: true, publicUrl: "https://docs.example.com", runDomain: "runs.example.com", trustProxy: false });
    expect(hostingOptions(["--public-url=https://example.com/chirp/", ...runs], {}).publicUrl).toBe("https://example.com/chirp");
    expect(hostingOptions([], { CHIRP_PUBLIC_URL: "http://docs.test:8080", CHIRP_RUN_DOMAIN: "runs.test" }).publicUrl).toBe("http://docs.test:8080");
    // On this machine's own address, runs stay on run.localhost.
    expect(hostingOptions(["--public-url", "http://127.0.0.1:8000"], {}).runDomain).toBe(DEFAULT_RUN_DOMAIN);
  });

  it("takes a run domain from the flag or the environment, lower-cased", () => {
    expect(hostingOptions(["--run-domain", "Runs.Example.com"], {}).runDomain).toBe("runs.example.com");
    expect(hostingOptions([], { CHIRP_RUN_DOMAIN: "runs.test" }).runDomain).toBe("runs.test");
  });

  it("reads how long a shared run idles (minutes), the per-IP limits and whether to trust the proxy's X-Forwarded-For", () => {
    expect(hostingOptions(["--run-idle", "0.5"], {}).runIdleMinutes).toBe(0.5);
    expect(hostingOptions([], { CHIRP_RUN_IDLE: "10" }).runIdleMinutes).toBe(10);
    expect(hostingOptions(["--runs-per-minute", "5", "--streams-per-ip=3", "--connections-per-ip", "9"], {})).toMatchObject({ runsPerMinute: 5, streamsPerIp: 3, connectionsPerIp: 9 });
    expect(hostingOptions([], { CHIRP_RUNS_PER_MINUTE: "7", CHIRP_STREAMS_PER_IP: "2" })).toMatchObject({ runsPerMinute: 7, streamsPerIp: 2 });
    expect(hostingOptions(["--trust-proxy"], {}).trustProxy).toBe(true);
    expect(hostingOptions([], { CHIRP_TRUST_PROXY: "1" }).trustProxy).toBe(true);
  });

  it.each([
    [["--public-url"], /--public-url needs a value/],
    [["--public-url", "docs.example.com"], /is not a URL/],
    [["--public-url", "ftp://docs.example.com"], /http or https/],
    [["--public-url", "https://docs.example.com/?a=1"], /query or fragment/],
    [["--public-url", "https://docs.example.com"], /--public-url https:\/\/docs\.example\.com needs --run-domain too: .* as in --run-domain runs\.example\.com/],
    [["--run-domain", "localhost"], /is not a domain name/],
    [["--run-domain", "runs_.example.com"], /is not a domain name/],
    [["--run-domain", "--read-only"], /--run-domain needs a value/],
    [["--run-idle"], /--run-idle needs a value, as in --run-idle 5/],
    [["--run-idle", "soon"], /is not a number of minutes/],
    [["--run-idle", "0"], /is not a number of minutes/],
    [["--runs-per-minute", "2.5"], /is not a whole number: .* as in --runs-per-minute 30/],
    [["--streams-per-ip", "-1"], /is not a whole number/],
  ])("refuses %j with a message that says what to write", (argv, message) => {
    expect(() => hostingOptions(argv, {})).toThrow(HostingOptionError);
    expect(() => hostingOptions(argv, {})).toThrow(message);
  });
});

describe("hosting warnings", () => {
  const warned = (argv: string[]) => hostingWarnings(hostingOptions(argv, {}));

  it("says a public URL over plain http leaves Run refused, and why", () => {
    expect(warned(["--public-url", "http://docs.example.com", "--run-domain", "runs.example.com"])).toEqual([expect.stringMatching(/plain http.*Run will be refused.*https/)]);
  });

  it("has nothing to say over https, on loopback, or locally", () => {
    expect(warned(["--public-url", "https://docs.example.com", "--run-domain", "runs.example.com"])).toEqual([]);
    expect(warned(["--public-url", "http://127.0.0.1:8000"])).toEqual([]);
    expect(warned([])).toEqual([]);
  });
});
