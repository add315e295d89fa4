/** True when a key press is meant for a text field, not for a page shortcut. */
function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** Opens the search dialog, loading the search code and index the first time. */
async function openSearch(): Promise<void> {
  const dialog = document.querySelector<HTMLDialogElement>("#search");
  if (!dialog || dialog.open) return;
  dialog.showModal();
  const { attachSearch } = await import("./search.ts");
  await attachSearch(dialog);
}

/** `/` or Ctrl+K (Cmd+K) opens the search, as does the header's search button. */
export function setUpSearchShortcuts(): void {
  document.addEventListener("keydown", (event) => {
    const isSlash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target);
    const isCtrlK = event.key.toLowerCase() === "k" && (event.ctrlKey || event.metaKey);
    if (!isSlash && !isCtrlK) return;
    event.preventDefault();
    void openSearch();
  });
  document.addEventListener("click", (event) => {
    if ((event.target as Element).closest(".search-button")) void openSearch();
  });
}
