import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { exampleNames, readExample } from "../../server/playground/example-files.ts";
import { TypeChecker } from "../../server/playground/type-checker.ts";

const root = path.resolve(import.meta.dirname, "../..");
const checker = new TypeChecker(root);
afterAll(() => checker.close());
const sse = readExample(root, "sse");

it("finds no type errors in any unedited example, its test file included", async () => {
  const found: Record<string, unknown> = {};
  for (const name of exampleNames(root)) found[name] = await checker.check(readExample(root, name));
  expect(Object.keys(found)).toContain("sse");
  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((name) => [name, []])));
}, 240_000);

it("reports each type error of an edited file by the tab's name, line and column, as the editor does", async () => {
  const lines = sse["app.ts"]!.split("\n").length;
  const files = { ...sse, "app.ts": `${sse["app.ts"]}const wrong: number = "x";\nnew Template("feed.html", 42);\n` };
  expect(await checker.check(files)).toEqual([
    { file: "app.ts", line: lines, column: 6, message: "Type 'string' is not assignable to type 'number'." },
    { file: "app.ts", line: lines + 1, column: 26, message: "Argument of type 'number' is not assignable to parameter of type 'TemplateContext'." },
  ]);
}, 120_000);

it("checks the test file against the edited app, and leaves templates alone", async () => {
  const files = { ...sse, "app.ts": sse["app.ts"]!.replace("export const app", "const app"), "templates/feed.html": "{% block %" };
  const problems = await checker.check(files);
  expect(problems).toEqual([expect.objectContaining({ file: "app.test.ts", line: 3, message: "Module '\"./app.ts\"' declares 'app' locally, but it is not exported." })]);
}, 120_000);
