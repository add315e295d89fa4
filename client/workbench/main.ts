/**
 * The example workbench: mounts on `<div id="workbench" data-example="<name>">`
 * (rendered by the docs layout on example pages). The example starts running at
 * once; Monaco arrives when the reader first reaches the Source pane.
 */
import "./workbench.css";
import { RunApi } from "./api.ts";
import { Workbench } from "./workbench.ts";

async function mount(host: HTMLElement, example: string): Promise<void> {
  try {
    const api = await RunApi.connect();
    new Workbench(host, example, api, await api.example(example)).loadEditorOnFirstUse();
  } catch (error) {
    host.textContent = `The workbench could not start: ${error instanceof Error ? error.message : String(error)}`;
  }
}

const host = document.getElementById("workbench");
if (host?.dataset.example) void mount(host, host.dataset.example);
