/** True when the docs server should run only unedited examples: `--read-only` or `CHIRP_READ_ONLY=1`. */
export function readOnlyRequested(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): boolean {
  return argv.includes("--read-only") || env.CHIRP_READ_ONLY === "1";
}
