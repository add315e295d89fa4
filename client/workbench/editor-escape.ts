import type * as Monaco from "monaco-editor";

/**
 * The way out of the editor for keyboard users: Tab indents, so Escape and then
 * Tab (or Shift+Tab) moves focus on. Escape switches on Monaco's tab-focus mode;
 * any other key, or leaving the editor, switches it off again.
 */
export function escapeThenTabLeaves(monaco: typeof Monaco, editor: Monaco.editor.IStandaloneCodeEditor): void {
  const { KeyCode } = monaco;
  editor.onKeyDown((event) => {
    if (event.keyCode === KeyCode.Escape) editor.updateOptions({ tabFocusMode: true });
    else if (event.keyCode !== KeyCode.Tab && event.keyCode !== KeyCode.Shift) editor.updateOptions({ tabFocusMode: false });
  });
  editor.onDidBlurEditorText(() => editor.updateOptions({ tabFocusMode: false }));
}
