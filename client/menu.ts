/** Opens or closes the sidebar drawer of narrow screens. */
export function setMenuOpen(open: boolean): void {
  const toggle = document.querySelector<HTMLElement>(".menu-toggle");
  const scrim = document.querySelector<HTMLElement>(".scrim");
  if (!toggle || !scrim) return;
  toggle.setAttribute("aria-expanded", String(open));
  toggle.setAttribute("aria-label", open ? "Close menu" : "Menu");
  document.body.classList.toggle("menu-open", open);
  scrim.hidden = !open;
  if (open) document.querySelector<HTMLElement>("#sidebar a[aria-current], #sidebar a")?.focus();
}

/** The menu button of narrow screens: toggles the sidebar; Escape or the scrim closes it. */
export function setUpMenu(): void {
  document.querySelector(".menu-toggle")?.addEventListener("click", () => setMenuOpen(!document.body.classList.contains("menu-open")));
  document.querySelector(".scrim")?.addEventListener("click", () => setMenuOpen(false));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && document.body.classList.contains("menu-open")) {
      setMenuOpen(false);
      document.querySelector<HTMLElement>(".menu-toggle")?.focus();
    }
  });
}
