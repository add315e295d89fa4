import type { Logger } from "../logger.ts";
import { hasErrors, type ContractIssue, type ContractReport } from "./report.ts";

function count(issues: readonly ContractIssue[], severity: ContractIssue["severity"]): number {
  return issues.filter((issue) => issue.severity === severity).length;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * The report for people: issues grouped by file, each line
 * `  <line>  <severity>  <rule>  <message>`, then a count. Issues with no file come last.
 */
export function formatReport(report: ContractReport): string {
  const { issues } = report;
  if (issues.length === 0) return "chirp check: no contract issues.";
  const groups = new Map<string, ContractIssue[]>();
  for (const issue of issues) {
    const file = issue.file ?? "(app)";
    groups.set(file, [...(groups.get(file) ?? []), issue]);
  }
  const width = Math.max(...issues.map((issue) => String(issue.line ?? "").length));
  const lines = [...groups].flatMap(([file, group]) => [
    file,
    ...group.map((issue) => `  ${String(issue.line ?? "").padStart(width)}  ${issue.severity.padEnd(7)}  ${issue.rule}  ${issue.message}`),
    "",
  ]);
  const summary = [plural(count(issues, "error"), "error"), plural(count(issues, "warning"), "warning"), `${count(issues, "info")} info`].join(", ");
  return [...lines, `chirp check: ${summary}.`].join("\n");
}

/** Logs the report: as a warning when it has issues, else as info. */
export function logReport(report: ContractReport, logger: Logger): void {
  const text = formatReport(report);
  if (report.issues.length === 0) logger.info(text);
  else if (hasErrors(report)) logger.error(text);
  else logger.warn(text);
}
