import { describe, expect, it } from "vitest";
import { readTemplate } from "../../server/chirp/contracts/template-scan.ts";

function elements(text: string) {
  return readTemplate("/t.html", text).elements;
}

describe("readTemplate", () => {
  it("reads partials such as table rows, with lines past Nunjucks tags", () => {
    const rows = elements('{% for r in rows %}\n<tr>\n  <td hx-get="/r/{{ r.id }}">{{ r.name }}</td>\n</tr>\n{% endfor %}');
    const cell = rows.find((element) => element.tag === "td");
    expect(cell?.line).toBe(3);
    expect(cell?.attributes.get("hx-get")).toEqual({ value: "/r/{{______}}", written: "/r/{{ r.id }}", line: 3 });
  });

  it("files htmx's data- spellings under the plain names and finds each element's sse-connect ancestor", () => {
    const [outer, inner] = elements('<div data-hx-ext="sse" data-sse-connect="/s">\n<p data-sse-swap="a, b"></p></div>');
    expect(outer?.attributes.has("sse-connect")).toBe(true);
    expect(outer?.source).toBeUndefined();
    expect(inner?.attributes.get("sse-swap")?.value).toBe("a, b");
    expect(inner?.source).toBe(outer);
  });

  it("reads both branches of a condition, and attributes written across lines", () => {
    const found = elements('{% if a %}<a href="/a">A</a>{% else %}<a\n  href="/b">B</a>{% endif %}');
    expect(found.map((element) => [element.attributes.get("href")?.value, element.attributes.get("href")?.line])).toEqual([
      ["/a", 1],
      ["/b", 2],
    ]);
  });
});
