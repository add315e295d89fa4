/** Stands for a `{{ expression }}` part of a template URL while it is matched against route paths. */
export const PARAMETER = "\u0000";

const NAME = /^(?:[$_\p{ID_Start}][$\u200c\u200d\p{ID_Continue}]*|"(?:\\.|[^"\\])*")/u;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** The regular-expression source of an Express 5 path (or of one `{optional}` group of it). */
function patternSource(path: string, at: { index: number }, inGroup: boolean): string {
  let source = "";
  while (at.index < path.length) {
    const char = path[at.index++] as string;
    if (char === "\\") {
      source += escape(path[at.index++] ?? "");
    } else if (char === ":" || char === "*") {
      const name = NAME.exec(path.slice(at.index));
      at.index += name?.[0].length ?? 0;
      source += char === ":" ? "[^/]+?" : ".+?";
    } else if (char === "{") {
      source += `(?:${patternSource(path, at, true)})?`;
    } else if (char === "}" && inGroup) {
      return source;
    } else {
      source += escape(char);
    }
  }
  return source;
}

/**
 * Compiles an Express 5 route path (`/items/:id`, `/files/*rest`, `/about{/}`)
 * into a RegExp that matches the paths Express would route to it: case-insensitive,
 * with an optional trailing slash. Parameters and wildcards match
 * {@link PARAMETER}, literal text never does.
 */
export function compileRoutePath(path: string): RegExp {
  return new RegExp(`^${patternSource(path, { index: 0 }, false)}/?$`, "i");
}

/**
 * The path a template URL asks for, ready to match against {@link compileRoutePath}:
 * query and fragment dropped, each `{{ expression }}` replaced by {@link PARAMETER}.
 * Undefined when the URL is not a path on this app (external, protocol-relative,
 * a fragment or a URL built entirely by an expression), or when `{% tags %}`
 * build it: those it cannot know.
 */
export function templatePath(value: string, written: string): string | undefined {
  if (written.includes("{%")) return undefined;
  const path = value.trim().replace(/[?#].*$/s, "");
  if (!path.startsWith("/") || path.startsWith("//")) return undefined;
  return path.replace(/\{\{_*\}\}/g, PARAMETER);
}
