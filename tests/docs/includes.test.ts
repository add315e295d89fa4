import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DocsError } from "../../server/docs/docs-error.ts";
import { expandIncludes } from "../../server/docs/includes.ts";
import { tempProject } from "./temp-project.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

const expand = (markdown: string, root = ROOT, firstLine = 5) => expandIncludes(markdown, { file: "content/page.md", firstLine, root });

describe("includes", () => {
  it("inlines a real file as a fenced block named after it", () => {
    const { markdown, files } = expand("Intro\n\n<<< examples/sse/app.ts\n\nAfter");
    const source = readFileSync(path.join(ROOT, "examples/sse/app.ts"), "utf8").trimEnd();
    expect(markdown).toBe(`Intro\n\n\`\`\`ts title="examples/sse/app.ts"\n${source}\n\`\`\`\n\nAfter`);
    expect(files).toEqual(["examples/sse/app.ts"]);
  });

  it("inlines one region, dedented, without its markers", () => {
    const root = tempProject({ "src/a.ts": "const a = 1;\nfunction f() {\n  // #region core\n  return 42;\n  // #endregion\n}\n" });
    expect(expand("<<< src/a.ts#core", root).markdown).toBe('```ts title="src/a.ts"\nreturn 42;\n```');
  });

  it("drops region markers from a whole-file include", () => {
    const root = tempProject({ "t.html": "<p>\n{# #region x #}\nhi\n{# #endregion #}\n</p>\n" });
    expect(expand("<<< t.html", root).markdown).toBe('```html title="t.html"\n<p>\nhi\n</p>\n```');
  });

  it("fences longer than any backtick run in the file", () => {
    const root = tempProject({ "doc.md": "```ts\ncode\n```\n" });
    expect(expand("<<< doc.md", root).markdown).toBe('````md title="doc.md"\n```ts\ncode\n```\n````');
  });

  it("leaves directives inside code blocks alone", () => {
    const text = "```md\n<<< not/a/file.ts\n```";
    expect(expand(text).markdown).toBe(text);
  });

  it("names the file and line of a missing file", () => {
    expect(() => expand("one\ntwo\n<<< examples/sse/nope.ts")).toThrow(new DocsError("content/page.md", 7, "include examples/sse/nope.ts: no such file"));
  });

  it("names the file and line of a missing region", () => {
    expect(() => expand("<<< examples/sse/app.ts#nowhere", ROOT, 12)).toThrow('content/page.md:12: include examples/sse/app.ts: no "#region nowhere" in that file');
  });

  it("refuses files outside the project", () => {
    expect(() => expand("<<< ../secret.txt")).toThrow(/content\/page\.md:5: include \.\.\/secret\.txt: only files inside the project/);
  });
});
