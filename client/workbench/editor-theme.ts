/**
 * The editor's colours: the docs' code palette (GitHub's, as the code blocks on
 * the page use) on the docs' code background, every colour kept at 4.5:1 or
 * more, and the editor following the page's light or dark theme as it changes.
 */
import type * as Monaco from "monaco-editor";
import { CODE_BACKGROUND, CODE_CONTRAST } from "../../common/code-colors.ts";
import { withContrast } from "../../common/contrast.ts";
import { pageTheme } from "../theme.ts";

/** Token colours by Monaco token type, for the light and the dark theme (CSS numbers and units too: Monaco's own are darker than 4.5:1 here). */
const PALETTE = {
  light: { "": "#24292e", comment: "#6a737d", keyword: "#d73a49", string: "#032f62", number: "#005cc5", regexp: "#032f62", type: "#6f42c1", tag: "#22863a", "attribute.name": "#6f42c1", "attribute.value": "#032f62", "attribute.value.number": "#005cc5", "attribute.value.unit": "#005cc5", delimiter: "#24292e" },
  dark: { "": "#e1e4e8", comment: "#8b949e", keyword: "#f97583", string: "#9ecbff", number: "#79b8ff", regexp: "#9ecbff", type: "#b392f0", tag: "#85e89d", "attribute.name": "#b392f0", "attribute.value": "#9ecbff", "attribute.value.number": "#79b8ff", "attribute.value.unit": "#79b8ff", delimiter: "#e1e4e8" },
};

function define(monaco: typeof Monaco, mode: "light" | "dark"): string {
  const background = CODE_BACKGROUND[mode];
  const readable = (color: string) => withContrast(color, background, CODE_CONTRAST).slice(1);
  const name = `chirp-${mode}`;
  const lineNumber = `#${readable(mode === "dark" ? "#6e7681" : "#8c959f")}`;
  monaco.editor.defineTheme(name, {
    base: mode === "dark" ? "vs-dark" : "vs",
    inherit: true,
    rules: Object.entries(PALETTE[mode]).map(([token, color]) => ({ token, foreground: readable(color) })),
    colors: {
      "editor.background": background,
      "editor.foreground": `#${readable(PALETTE[mode][""])}`,
      "editorLineNumber.foreground": lineNumber,
      // The number of the line after a final newline, which Monaco dims: as readable as the others.
      "editorLineNumber.dimmedForeground": lineNumber,
      "editorLineNumber.activeForeground": `#${readable(PALETTE[mode][""])}`,
    },
  });
  return name;
}

/** Defines the two editor themes, applies the page's, and switches when the page's theme switches. */
export function followPageTheme(monaco: typeof Monaco): string {
  const names = { light: define(monaco, "light"), dark: define(monaco, "dark") };
  const apply = () => monaco.editor.setTheme(names[pageTheme()]);
  new MutationObserver(apply).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", apply);
  return names[pageTheme()];
}
