import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { precompress } from "./server/docs/precompress.ts";

/**
 * The docs front end: the shell (`client/main.ts`) is the one entry; the search code
 * and the example workbench are split off and loaded only where they are used.
 * Output goes to `dist/assets/` with hashed names and a manifest the server reads,
 * each text file with `.br` and `.gz` copies beside it.
 */
export default defineConfig({
  publicDir: false,
  plugins: [precompress()],
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsDir: "assets",
    manifest: true,
    target: "es2022",
    rolldownOptions: { input: "client/main.ts" },
  },
  resolve: {
    // Monaco's deep paths (`monaco-editor/esm/vs/…`, as for its workers) name files its exports map does not list.
    alias: [{ find: /^monaco-editor\/esm\//, replacement: fileURLToPath(new URL("./node_modules/monaco-editor/esm/", import.meta.url)) }],
  },
  worker: { format: "es" },
  server: { watch: { ignored: ["**/dist/**", "**/.cache/**", "**/test-results/**"] } },
});
