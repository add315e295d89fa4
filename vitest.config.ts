import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "examples/**/*.test.ts", "server/**/*.test.ts"],
    pool: "forks",
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
