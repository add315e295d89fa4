/**
 * Puts text on the clipboard. `text` may be a promise (e.g. a fetch), which is handed
 * to the clipboard at once so the click's permission still holds when it resolves.
 */
export async function copyText(text: string | Promise<string>): Promise<void> {
  if (typeof ClipboardItem !== "undefined" && navigator.clipboard?.write) {
    const blob = Promise.resolve(text).then((value) => new Blob([value], { type: "text/plain" }));
    try {
      await navigator.clipboard.write([new ClipboardItem({ "text/plain": blob })]);
      return;
    } catch {
      // Some browsers refuse a promised item; fall back to plain text below.
    }
  }
  await navigator.clipboard.writeText(await text);
}

/** Shows `message` briefly on `element` (which has `role="status"` or sits in one). */
export function flash(element: HTMLElement, message: string): void {
  element.textContent = message;
  element.dataset.visible = "true";
  clearTimeout(Number(element.dataset.timer));
  element.dataset.timer = String(setTimeout(() => delete element.dataset.visible, 2000));
}
