import { describe, expect, it } from "vitest";
import { maskNunjucks } from "../../server/chirp/contracts/nunjucks-mask.ts";

describe("maskNunjucks", () => {
  it("blanks tags and comments, keeps line breaks and length", () => {
    const template = '{# a\ncomment #}<p>{% if x == "%}" %}yes{% endif %}</p>';
    const masked = maskNunjucks(template);
    expect(masked).toHaveLength(template.length);
    expect(masked).toBe(`    \n          <p>${" ".repeat(18)}yes${" ".repeat(11)}</p>`);
  });

  it("masks the inside of expressions so quotes and brackets cannot end an attribute", () => {
    const expression = ' item["id"] | default("<x>") ';
    expect(maskNunjucks(`<a href="/i/{{${expression}}}">`)).toBe(`<a href="/i/{{${"_".repeat(expression.length)}}}">`);
  });

  it("leaves {% raw %} content as written and an unclosed construct as text", () => {
    expect(maskNunjucks("{% raw %}{{ x }}{% endraw %}{{ y")).toBe(`${" ".repeat(9)}{{ x }}${" ".repeat(12)}{{ y`);
  });
});
