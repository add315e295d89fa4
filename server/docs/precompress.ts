import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Plugin } from "vite";
import { compress, isCompressible } from "../chirp/compression.ts";

/** Extensions of the text files worth a compressed copy, with the type that decides it. */
const TEXT_TYPES: Record<string, string> = { ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml", ".ttf": "font/ttf" };

/**
 * A Vite plugin that leaves a brotli (`.br`) and a gzip (`.gz`) copy beside every
 * text file of 1 KiB and more the build writes, compressed once at high quality, so
 * the server (`app.static`) sends them without compressing per request.
 */
export function precompress(): Plugin {
  return {
    name: "chirp-precompress",
    apply: "build",
    async writeBundle(options, bundle) {
      const dir = options.dir ?? "dist";
      await Promise.all(
        Object.keys(bundle)
          .filter((name) => isCompressible(TEXT_TYPES[path.extname(name)] ?? ""))
          .map(async (name) => {
            const file = path.join(dir, name);
            const bytes = await readFile(file);
            if (bytes.byteLength < 1024) return;
            const [br, gz] = await Promise.all([compress(bytes, "br", "small"), compress(bytes, "gzip", "small")]);
            await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
          }),
      );
    },
  };
}
