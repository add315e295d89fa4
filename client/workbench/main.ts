/**
 * The example workbench: mounts on `<div id="workbench" data-example="<name>">`
 * (rendered by the docs layout on example pages). The example starts running at
 * once; Monaco arrives afterwards.
 */
import "./workbench.css";
import { RunApi } from "./api.ts";
import { Workbench } from "./workbench.ts";

async function mount(host: HTMLElement, example: string): Promise<void> {
  try {
    const api = await RunApi.connect();
    const workbench = new Workbench(host, example, api, await api.example(example));
    await workbench.loadEditor();
  } catch (error) {
    host.textContent = `The workbench could not start: ${error instanceof Error ? error.message : String(error)}`;
  }
}

const host = document.getElementById("workbench");
if (host?.dataset.example) void mount(host, host.dataset.example);
