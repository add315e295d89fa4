/**
 * The type checker's thread: checks the files it is sent against the editor's
 * libs (read once, from `workerData.root`) and answers each request by its id.
 */
import { parentPort, workerData } from "node:worker_threads";
import { editorLibs } from "./editor-types.ts";
import type { Files } from "./example-files.ts";
import { typeProblems } from "./type-check.ts";

const libs = editorLibs((workerData as { root: string }).root);

parentPort!.on("message", ({ id, files }: { id: number; files: Files }) => {
  try {
    parentPort!.postMessage({ id, problems: typeProblems(libs, files) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
