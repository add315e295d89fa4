/** Attributes and properties of {@link h}: strings become attributes, functions `on…` listeners. */
type Props = Record<string, string | boolean | undefined | ((event: Event) => void)>;

/** Creates an element: `h("button", { type: "button", onclick }, "Run")`. `false`/`undefined` attributes are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (typeof value === "function") element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, "");
    else if (typeof value === "string") element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}
