import { copyText } from "./clipboard.ts";

/** Every code block's Copy button copies that block's code (one listener for all pages). */
export function setUpCopyButtons(): void {
  document.addEventListener("click", async (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>(".copy-code");
    const code = button?.closest("figure")?.querySelector("pre")?.textContent;
    if (!button || code == null) return;
    const label = button.querySelector("span")!;
    try {
      await copyText(code);
      label.textContent = "Copied";
    } catch {
      label.textContent = "Press Ctrl+C";
    }
    setTimeout(() => (label.textContent = "Copy"), 1500);
  });
}
