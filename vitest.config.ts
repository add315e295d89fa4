import { defineConfig } from "vitest/config";

/** Tests that run a second time with CHIRP_HTMX=4: the examples' own tests and their browser tests, same source in both htmx versions. */
const BOTH_HTMX_VERSIONS = ["examples/**/*.test.ts", "tests/browser/*-example.test.ts"];

export default defineConfig({
  test: {
    pool: "forks",
    testTimeout: 90_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "chirp", include: ["tests/**/*.test.ts", "examples/**/*.test.ts", "server/**/*.test.ts"] } },
      { extends: true, test: { name: "htmx 4", include: BOTH_HTMX_VERSIONS, env: { CHIRP_HTMX: "4" } } },
    ],
  },
});
