/**
 * The example workbench: mounts on `<div id="workbench" data-example="<name>">`
 * (rendered by the docs layout on example pages).
 */
const host = document.getElementById("workbench");
if (host?.dataset.example) host.textContent = `Workbench for ${host.dataset.example} (loading…)`;
