import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scanSources } from "../../server/chirp/contracts/source-scan.ts";

const dir = mkdtempSync(path.join(tmpdir(), "chirp-source-scan-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the files, then scans from the first one. */
function scan(files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return scanSources([path.join(dir, Object.keys(files)[0] as string)]);
}

describe("scanSources", () => {
  it("reads what each route handler returns", async () => {
    const { routes } = await scan({
      "handlers.ts": `
import * as chirp from "chirp";
import { EventStream, Reply, Template } from "chirp";
function page() { return new Template("p.html"); }
app.route("/page", page);
app.route("/both", async (req) => (req.query.x ? new chirp.Fragment("p.html", "b") : "text"));
app.route("/stream", { referenced: true }, () => { const helper = () => "no"; return new Reply(new EventStream(gen())); });
app.route("/maybe", () => build());
app.route("/form", { methods: ["get", "POST"] }, () => ({ ok: true }));
app.route("/any", { methods }, () => "x");
`,
    });
    expect(routes.map(({ path: route, methods, line, returns }) => ({ route, methods, line, returns }))).toEqual([
      { route: "/page", methods: ["GET"], line: 5, returns: { kind: "other", what: "Template" } },
      { route: "/both", methods: ["GET"], line: 6, returns: { kind: "other", what: "Fragment or a string" } },
      { route: "/stream", methods: ["GET"], line: 7, returns: { kind: "stream" } },
      { route: "/maybe", methods: ["GET"], line: 8, returns: { kind: "unknown" } },
      { route: "/form", methods: ["GET", "POST"], line: 9, returns: { kind: "other", what: "JSON" } },
      { route: "/any", methods: undefined, line: 10, returns: { kind: "other", what: "a string" } },
    ]);
  });

  it("follows relative imports and skips names it cannot read", async () => {
    const { uses } = await scan({
      "main.ts": `import "./part.js";\nimport { Template } from "chirp";\nnew Template(name);\nnew Template(\`t.html\`);`,
      "part.ts": `import { Fragment as F } from "chirp";\n\nexport const f = () => new F("t.html", "row");`,
    });
    expect(uses.map(({ kind, template, block, file, line }) => ({ kind, template, block, file: path.basename(file), line }))).toEqual([
      { kind: "Template", template: "t.html", block: undefined, file: "main.ts", line: 4 },
      { kind: "Fragment", template: "t.html", block: "row", file: "part.ts", line: 3 },
    ]);
  });
});
