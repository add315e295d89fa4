/**
 * The contract checker: reads an app's routes, templates and source and reports
 * wiring mistakes that would otherwise fail silently in the browser.
 */
export { checkApp, type CheckOptions } from "./check.ts";
export { formatReport, logReport } from "./format.ts";
export { hasErrors, type ContractIssue, type ContractReport, type RuleId, type Severity } from "./report.ts";
