import type * as Monaco from "monaco-editor";

/**
 * The way out of the editor for keyboard users: Tab indents, so Escape and then
 * Tab (or Shift+Tab) moves focus on. Escape switches on Monaco's tab-focus mode;
 * any other key, or leaving the editor, switches it off again.
 */
export function escapeThenTabLeaves(monaco: typeof Monaco, editor: Monaco.editor.IStandaloneCodeEditor): void {
  const { KeyCode } = monaco;
  let armed = false;
  const arm = (on: boolean) => {
    if (armed !== on) editor.updateOptions({ tabFocusMode: (armed = on) });
  };
  editor.onKeyDown((event) => {
    if (event.keyCode === KeyCode.Escape) arm(true);
    else if (event.keyCode !== KeyCode.Tab && event.keyCode !== KeyCode.Shift) arm(false);
  });
  editor.onDidBlurEditorText(() => arm(false));
}
