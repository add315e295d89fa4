// The type checker's thread starts here: a worker cannot start from a TypeScript
// file, so this loads type-check-worker.ts through tsx (which runs the docs server).
import { tsImport } from "tsx/esm/api";

await tsImport("./type-check-worker.ts", import.meta.url);
