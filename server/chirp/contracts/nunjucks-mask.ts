/** Openers of Nunjucks syntax and the closer each one waits for. */
const CLOSERS: Record<string, string> = { "{{": "}}", "{%": "%}", "{#": "#}" };

/** Tags whose body Nunjucks prints as it is, tags included. */
const VERBATIM = /^\{%-?\s*(raw|verbatim)\s*-?%\}$/;

/** `text` with every character but line breaks replaced by `fill`, so offsets and line numbers stay put. */
function blank(text: string, fill: string): string {
  return text.replace(/[^\r\n]/g, fill);
}

/** Where the Nunjucks construct opened at `start` ends (just past its closer, skipping quoted strings inside it); -1 when it never closes. */
function endOf(source: string, start: number, closer: string): number {
  let quote: string | undefined;
  for (let at = start + 2; at < source.length; at++) {
    const char = source[at];
    if (quote) {
      if (char === "\\") at++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      if (closer !== "#}") quote = char;
    } else if (source.startsWith(closer, at)) {
      return at + closer.length;
    }
  }
  return -1;
}

/**
 * Makes a Nunjucks template readable by an HTML parser without moving anything:
 * `{% tags %}` and `{# comments #}` become spaces, and the inside of each
 * `{{ expression }}` becomes underscores (`{{____}}`), so quotes and angle
 * brackets in it cannot end an attribute. The text inside `{% raw %}` stays as it is.
 * Line breaks are kept, so positions in the result are positions in the template.
 */
export function maskNunjucks(source: string): string {
  let masked = "";
  let at = 0;
  let verbatimEnd: RegExp | undefined;
  while (at < source.length) {
    const next = source.indexOf("{", at);
    if (next === -1) break;
    const closer = CLOSERS[source.slice(next, next + 2)];
    if (!closer) {
      masked += source.slice(at, next + 1);
      at = next + 1;
      continue;
    }
    const end = endOf(source, next, closer);
    if (end === -1) break;
    const construct = source.slice(next, end);
    masked += source.slice(at, next);
    at = end;
    if (verbatimEnd && !verbatimEnd.test(construct)) {
      masked += construct;
    } else if (closer === "}}") {
      masked += `{{${blank(construct.slice(2, -2), "_")}}}`;
    } else {
      const verbatim = closer === "%}" ? VERBATIM.exec(construct) : null;
      verbatimEnd = verbatimEnd ? undefined : verbatim ? new RegExp(`^\\{%-?\\s*end${verbatim[1]}\\s*-?%\\}$`) : undefined;
      masked += blank(construct, " ");
    }
  }
  return masked + source.slice(at);
}
