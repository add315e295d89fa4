/**
 * True when a key press is meant for something that takes text, not for a page
 * shortcut: a form field, a `contentEditable` element, or an element that edits
 * through the EditContext API (the way Monaco's editor takes its input).
 */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const editContext = (target as HTMLElement & { editContext?: unknown }).editContext;
  return target.isContentEditable || editContext != null || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

/** Opens the search dialog, loading the search code and index the first time. */
async function openSearch(): Promise<void> {
  const dialog = document.querySelector<HTMLDialogElement>("#search");
  if (!dialog || dialog.open) return;
  // Closing gives focus back to whatever opened the search, if nothing else took it.
  const opener = document.activeElement;
  dialog.addEventListener("close", () => document.activeElement === document.body && opener instanceof HTMLElement && opener.focus(), { once: true });
  dialog.showModal();
  const { attachSearch } = await import("./search.ts");
  await attachSearch(dialog);
}

/**
 * `/` or Ctrl+K (Cmd+K) opens the search, as does the header's search button.
 * Neither key is taken from a field or an editor: there they are text, or the
 * editor's own shortcut (Ctrl+K starts Monaco's two-key commands).
 */
export function setUpSearchShortcuts(): void {
  document.addEventListener("keydown", (event) => {
    if (typing(event.target)) return;
    const isSlash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey;
    const isCtrlK = event.key.toLowerCase() === "k" && (event.ctrlKey || event.metaKey);
    if (!isSlash && !isCtrlK) return;
    event.preventDefault();
    void openSearch();
  });
  document.addEventListener("click", (event) => {
    if ((event.target as Element).closest(".search-button")) void openSearch();
  });
}
