import type { Isolation } from "../../common/playground-protocol.ts";
import { h } from "./dom.ts";

/** What a run can reach, in words, for each isolation. */
const PROTECTION: Record<Isolation, string> = {
  isolated: "in a sandbox of its own (no network, no other processes, only its own folder)",
  guarded: "under the sandbox's guard (no files outside its folder, no signals or connections to anything else), but without the operating system's isolation",
};

/**
 * Asks, in a modal dialog inside the workbench `host`, before the first Run of code that came in a shared link:
 * it says whose code it is (whoever made the link, not these docs), which files it
 * changes, and how it would run. Resolves to true when the person chose to run it.
 */
export function confirmSharedRun(host: HTMLElement, changed: string[], isolation: Isolation): Promise<boolean> {
  const files = changed.length ? changed.join(", ") : "no file (it is the example as written)";
  const run = h("button", { type: "submit", value: "run", class: "wb-primary" }, "Run this code");
  const dialog = h(
    "dialog",
    { class: "wb-dialog", "aria-labelledby": "wb-shared-title", "aria-describedby": "wb-shared-text" },
    h(
      "form",
      { method: "dialog" },
      h("h2", { id: "wb-shared-title" }, "Run code from a shared link?"),
      h(
        "div",
        { id: "wb-shared-text" },
        h("p", {}, "This code is not from these docs: whoever made the link you opened wrote it. It changes ", h("strong", {}, files), "."),
        h("p", {}, `It would run on this computer, ${PROTECTION[isolation]}. Read it in the Source pane before you run it.`),
      ),
      h("div", { class: "wb-dialog-buttons" }, h("button", { type: "submit", value: "cancel" }, "Not now"), run),
    ),
  );
  host.append(dialog);
  dialog.showModal();
  run.focus();
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(dialog.returnValue === "run");
    });
  });
}
