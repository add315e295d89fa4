import type { ThemeRegistrationRaw } from "shiki";
import githubDark from "shiki/themes/github-dark.mjs";
import githubLight from "shiki/themes/github-light.mjs";
import { CODE_BACKGROUND, CODE_CONTRAST } from "../../common/code-colors.ts";
import { withContrast } from "../../common/contrast.ts";

/** Each token colour of `theme` that falls under `CODE_CONTRAST` on `background`, mapped to the nearest one that does not. */
function readableColors(theme: ThemeRegistrationRaw, background: string): Record<string, string> {
  const colors = new Set<string>([theme.colors?.["editor.foreground"] ?? ""]);
  // A rule with a background of its own (invalid code, diff lines) is left as its theme made it.
  for (const rule of theme.tokenColors ?? []) if (rule.settings.foreground && !rule.settings.background) colors.add(rule.settings.foreground);
  const replacements: Record<string, string> = {};
  for (const color of colors) {
    if (!color) continue;
    const readable = withContrast(color, background, CODE_CONTRAST);
    if (readable !== color.toLowerCase()) replacements[color.toLowerCase()] = readable;
  }
  return replacements;
}

/** The docs' code themes: GitHub's light and dark themes, shown on the docs' code background. */
export const CODE_THEMES = { light: "github-light", dark: "github-dark" } as const;

/**
 * Shiki's `colorReplacements` for the docs' code themes: the token colours that fall
 * under 4.5:1 on the code background (keywords, strings, comments) made just dark
 * (or light) enough, every other colour as GitHub chose it.
 */
export const READABLE_COLORS = {
  [CODE_THEMES.light]: readableColors(githubLight as ThemeRegistrationRaw, CODE_BACKGROUND.light),
  [CODE_THEMES.dark]: readableColors(githubDark as ThemeRegistrationRaw, CODE_BACKGROUND.dark),
};
