const KEY = "chirp-theme";

/** The theme the page shows: the reader's choice, else the system's. */
export function pageTheme(): "light" | "dark" {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === "light" || chosen === "dark") return chosen;
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

function label(button: HTMLElement): void {
  const other = pageTheme() === "dark" ? "light" : "dark";
  button.setAttribute("aria-label", `Switch to the ${other} theme`);
  button.title = `Switch to the ${other} theme`;
}

/**
 * The theme follows the system until the reader picks one with the header button;
 * the choice is remembered (a script in the page head applies it before first paint).
 */
export function setUpThemeToggle(): void {
  const button = document.querySelector<HTMLElement>(".theme-toggle");
  if (!button) return;
  label(button);
  button.addEventListener("click", () => {
    const next = pageTheme() === "dark" ? "light" : "dark";
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Private windows may refuse storage: the switch still holds for this page.
    }
    label(button);
  });
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => label(button));
}
