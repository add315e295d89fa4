import { defineConfig } from "vitest/config";

/** The examples that run on htmx 2 and htmx 4 alike: their own tests and browser tests run a second time with CHIRP_HTMX=4. */
const BOTH_HTMX_VERSIONS = ["sse", "dashboard", "llm-stream"].flatMap((name) => [`examples/${name}/**/*.test.ts`, `tests/browser/${name}-example.test.ts`]);

export default defineConfig({
  test: {
    pool: "forks",
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // A condition polled in a test is given the time a busy two-core machine needs; the waits bound only failures.
    expect: { poll: { timeout: 20_000 } },
    projects: [
      // Every test file in the project, a reader's own app folder (Get started's my-app/) included;
      // .cache holds run folders and copies of examples, dist the static build.
      { extends: true, test: { name: "chirp", include: ["**/*.test.ts"], exclude: ["**/node_modules/**", "**/.git/**", ".cache/**", "dist/**"] } },
      { extends: true, test: { name: "htmx 4", include: BOTH_HTMX_VERSIONS, env: { CHIRP_HTMX: "4" } } },
    ],
  },
});
