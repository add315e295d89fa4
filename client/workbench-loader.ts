/**
 * Loads the example workbench (`client/workbench/main.ts`, a chunk of its own) on
 * example pages of the live server only: other pages never download it.
 */
export function loadWorkbench(): void {
  const host = document.getElementById("workbench");
  if (host?.dataset.example && host.dataset.static !== "true") void import("./workbench/main.ts");
}
