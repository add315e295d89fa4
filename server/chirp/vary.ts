import type { ServerResponse } from "node:http";

/** Adds header names to the response's `Vary`, keeping those already there. */
export function vary(response: ServerResponse, names: readonly string[]): void {
  const present = String(response.getHeader("vary") ?? "").split(",").map((name) => name.trim()).filter(Boolean);
  if (present.includes("*")) return;
  const missing = names.filter((name) => !present.some((one) => one.toLowerCase() === name.toLowerCase()));
  if (missing.length > 0) response.setHeader("vary", [...present, ...missing].join(", "));
}
