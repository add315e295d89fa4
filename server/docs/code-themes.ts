import type { ThemeRegistration } from "shiki";
import githubDark from "shiki/themes/github-dark.mjs";
import githubLight from "shiki/themes/github-light.mjs";
import { CODE_BACKGROUND, CODE_CONTRAST } from "../../common/code-colors.ts";
import { withContrast } from "../../common/contrast.ts";

/** `theme` renamed, on `background`, with every foreground colour moved just far enough to keep `CODE_CONTRAST`. */
function readable(theme: ThemeRegistration, name: string, background: string): ThemeRegistration {
  const fix = (color: string | undefined) => (color ? withContrast(color, background, CODE_CONTRAST) : color);
  return {
    ...theme,
    name,
    colors: { ...theme.colors, "editor.background": background, "editor.foreground": fix(theme.colors?.["editor.foreground"])! },
    // A rule with a background of its own (invalid code, diff lines) is left as its theme made it.
    tokenColors: theme.tokenColors?.map((rule) => (rule.settings.background ? rule : { ...rule, settings: { ...rule.settings, foreground: fix(rule.settings.foreground) } })),
  };
}

/**
 * The docs' code themes: GitHub's light and dark themes with the token colours that
 * fall under 4.5:1 on the docs' code background (keywords, strings, comments) made
 * just dark (or light) enough.
 */
export const CODE_THEMES = {
  light: readable(githubLight, "chirp-light", CODE_BACKGROUND.light),
  dark: readable(githubDark, "chirp-dark", CODE_BACKGROUND.dark),
};
