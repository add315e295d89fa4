/** How bad a contract issue is: an error fails `npm run check`, the others only inform. */
export type Severity = "error" | "warning" | "info";

/** The rule ids the contract checker reports under. */
export type RuleId =
  | "orphan-route"
  | "route-returns-undefined"
  | "unknown-route"
  | "sse-self-swap"
  | "sse-inherited-target"
  | "sse-not-stream"
  | "sse-event-mismatch"
  | "unknown-block"
  | "unknown-template"
  | "template-error"
  | "sse-close-unsent"
  | "oob-unknown-target"
  | "suspense-unused-key"
  | "htmx-version"
  | "hx-partial-target"
  | "stream-needs-sse";

/** One finding of the contract checker. */
export interface ContractIssue {
  severity: Severity;
  rule: RuleId;
  message: string;
  /** The template or source file, relative to the check's root, with `/` separators. */
  file?: string;
  /** One-based line in `file`. */
  line?: number;
  /** The route path the issue is about, e.g. `/events`. */
  route?: string;
}

/** What `app.check()` returns; `npm run check -- --json` prints exactly this. */
export interface ContractReport {
  issues: ContractIssue[];
}

/** True when the report holds at least one error. */
export function hasErrors(report: ContractReport): boolean {
  return report.issues.some((issue) => issue.severity === "error");
}
