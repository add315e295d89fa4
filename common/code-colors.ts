/**
 * The backgrounds code sits on in the docs (`--bg-code` in client/styles/base.css
 * and the editor), and the contrast every code colour keeps on them: WCAG AA's
 * 4.5:1 with a little margin, so rounding never tips a token under it.
 */
export const CODE_BACKGROUND = { light: "#f6f8fa", dark: "#161b22" } as const;

/** The least contrast a code token has on its background. */
export const CODE_CONTRAST = 4.6;
