import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDocsSite } from "../../server/docs/docs-site.ts";
import { tempProject } from "./temp-project.ts";

const HOME = "---\ntitle: Home\n---\n\nHello\n";

describe("content errors", () => {
  it("fail loading with the file and line of a broken include", async () => {
    const root = tempProject({ "content/index.md": HOME, "content/docs/page.md": "---\ntitle: Page\n---\n\nText\n\n<<< examples/missing.ts\n" });
    await expect(loadDocsSite(root)).rejects.toThrow("content/docs/page.md:7: include examples/missing.ts: no such file");
  });

  it("fail loading with the file and line of malformed front matter", async () => {
    const root = tempProject({ "content/index.md": "---\ntitle: Home\nweight: [\n---\n" });
    await expect(loadDocsSite(root)).rejects.toThrow(/^content\/index\.md:\d+: front matter: /);
  });

  it("are kept and shown by a dev server until the content is fixed", async () => {
    const root = tempProject({ "content/index.md": HOME, "examples/a.ts": "export const a = 1;\n" });
    const site = await loadDocsSite(root);
    writeFileSync(path.join(root, "content/index.md"), "---\ntitle: Home\n---\n\n<<< examples/b.ts\n");
    expect(site.changed(path.join(root, "content/index.md"))).toBe(true);
    expect(() => site.current()).toThrow("content/index.md:5: include examples/b.ts: no such file");
    writeFileSync(path.join(root, "content/index.md"), "---\ntitle: Home\n---\n\n<<< examples/a.ts\n");
    site.changed(path.join(root, "content/index.md"));
    expect(site.current().find("/index.md")?.markdown).toContain("export const a = 1;");
    expect(site.changed(path.join(root, "client/main.ts"))).toBe(false);
  });
});
