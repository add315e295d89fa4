import type { CheckContext } from "./context.ts";

/** A template id as a pattern: a masked `{{ expression }}` part stands for any text. */
function idPattern(id: string): RegExp {
  const parts = id.split("{{___}}").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".+")}$`);
}

/** Whether some element of the app's templates may carry `id` (an `id="row-{{ n }}"` may carry any `row-…`). */
export function idExists(context: CheckContext): (id: string) => boolean {
  const patterns = context.templates.flatMap((template) => template.elements.flatMap((element) => element.attributes.get("id")?.value.trim() || [])).map(idPattern);
  return (id) => patterns.some((pattern) => pattern.test(id));
}
