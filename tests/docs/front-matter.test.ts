import { describe, expect, it } from "vitest";
import { DocsError } from "../../server/docs/docs-error.ts";
import { parseFrontMatter } from "../../server/docs/front-matter.ts";

function failure(text: string): DocsError {
  try {
    parseFrontMatter(text, "content/page.md");
  } catch (error) {
    if (error instanceof DocsError) return error;
    throw error;
  }
  throw new Error("expected a DocsError");
}

describe("front matter", () => {
  it("reads the fields and says where the body starts", () => {
    const parsed = parseFrontMatter("---\ntitle: Hello\ndescription: A page\nweight: 3\ntags: [a, b]\n---\n\nBody\n", "content/page.md");
    expect(parsed.data).toEqual({ title: "Hello", description: "A page", weight: 3, tags: ["a", "b"], label: "Hello", workbench: "events" });
    expect(parsed.body).toBe("\nBody\n");
    expect(parsed.bodyLine).toBe(7);
  });

  it("fills in defaults", () => {
    expect(parseFrontMatter("---\ntitle: T\nlabel: Short\n---\n", "x.md").data).toEqual({ title: "T", description: "", weight: 0, tags: [], label: "Short", workbench: "events" });
  });

  it("reads what an example page's workbench shows, and refuses anything but events or chunks", () => {
    expect(parseFrontMatter("---\ntitle: T\nworkbench: chunks\n---\n", "x.md").data.workbench).toBe("chunks");
    expect(failure("---\ntitle: T\nworkbench: frames\n---\n").message).toBe("content/page.md:3: front matter: `workbench` must be `events` or `chunks`");
  });

  it("names file and line 1 when the front matter is missing", () => {
    const error = failure("# Just a heading\n");
    expect(error.message).toBe("content/page.md:1: front matter: missing; start the file with a `---` line, YAML, and a closing `---` line");
  });

  it("names the line of malformed YAML", () => {
    expect(failure("---\ntitle: Fine\ndescription: x\ntitle: Again\n---\n").message).toBe("content/page.md:4: front matter: Map keys must be unique");
    const error = failure("---\ntitle: Fine\ndescription: [unclosed\n---\n");
    expect(error.file).toBe("content/page.md");
    expect(error.line).toBeGreaterThanOrEqual(3);
  });

  it("requires a title", () => {
    expect(failure("---\ndescription: no title\n---\n").message).toBe("content/page.md:1: front matter: `title` is required and must be text");
  });

  it("names the line of a field of the wrong type", () => {
    expect(failure("---\ntitle: T\nweight: heavy\n---\n").message).toBe("content/page.md:3: front matter: `weight` must be a number");
    expect(failure("---\ntitle: T\ntags: nope\n---\n").message).toBe("content/page.md:3: front matter: `tags` must be a list of words");
  });

  it("refuses unknown keys, so typos do not pass silently", () => {
    expect(failure("---\ntitle: T\nwieght: 2\n---\n").message).toMatch(/^content\/page\.md:3: front matter: unknown key "wieght"/);
  });
});
