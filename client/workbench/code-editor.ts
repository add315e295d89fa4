/**
 * Monaco, loaded on demand (this module is a chunk of its own): its workers
 * bundled by Vite, TypeScript set up like the project (ES modules, `.ts`
 * imports, strict) with the types of `chirp`, Node and the test API loaded.
 */
import * as monaco from "monaco-editor";
import EditorWorker from "monaco-editor/editor/editor.worker.js?worker";
import HtmlWorker from "monaco-editor/language/html/html.worker.js?worker";
import TsWorker from "monaco-editor/language/typescript/ts.worker.js?worker";
import type { Files, Problem } from "./api.ts";
import { escapeThenTabLeaves } from "./editor-escape.ts";
import { followPageTheme } from "./editor-theme.ts";

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    if (label === "typescript" || label === "javascript") return new TsWorker();
    if (label === "html") return new HtmlWorker();
    return new EditorWorker();
  },
};

const LANGUAGES: Record<string, string> = { ts: "typescript", js: "javascript", html: "html", css: "css", json: "json", md: "markdown" };
const uri = (file: string) => monaco.Uri.parse(`file:///${file}`);

/** The editor with one model per file. */
export interface CodeEditor {
  /** Shows `file`'s model. */
  open(file: string): void;
  /** The text of every model. */
  files(): Files;
  /** Replaces every model's text (Reset, a shared link). */
  setFiles(files: Files): void;
  /** Build errors as markers (empty clears them). */
  mark(problems: Problem[]): void;
  /** Puts the cursor at the start of `line` of the open file, scrolls it into view and focuses the editor. */
  reveal(line: number): void;
  focus(): void;
  /** Wraps long lines at the pane's edge (or not). */
  wrap(on: boolean): void;
}

/**
 * Undoes any native scroll of the editor's frame. Monaco scrolls its content itself;
 * the frame is `overflow: hidden` and should never move. But Monaco 0.57 takes
 * typing through an EditContext node placed at the cursor, and focusing it lets the
 * browser scroll the frame to show that node (the textarea input it replaces guards
 * against this; the EditContext one does not yet): the code then slides under a
 * scrollbar strip that drifts with it.
 */
function pinFrame(frame: HTMLElement | null): void {
  frame?.addEventListener("scroll", () => {
    frame.scrollLeft = 0;
    frame.scrollTop = 0;
  });
}

/**
 * Creates the editor in `host` for `files`; `onChange` gets every edit, `onRun`
 * Ctrl/Cmd+Enter. `libs` are declaration files the TypeScript worker loads.
 */
export function createCodeEditor(
  host: HTMLElement,
  files: Files,
  options: { libs: { path: string; text: string }[]; onChange(files: Files): void; onRun(): void; readOnly: boolean },
): CodeEditor {
  const ts = monaco.typescript;
  ts.typescriptDefaults.setCompilerOptions({
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    allowImportingTsExtensions: true,
    noEmit: true,
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
  });
  for (const lib of options.libs) ts.typescriptDefaults.addExtraLib(lib.text, lib.path);
  const models = new Map(
    Object.entries(files).map(([file, text]) => [file, monaco.editor.createModel(text, LANGUAGES[file.split(".").pop() ?? ""] ?? "plaintext", uri(file))]),
  );
  const editor = monaco.editor.create(host, {
    model: models.values().next().value ?? null,
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    scrollBeyondLastLine: false,
    theme: followPageTheme(monaco),
    readOnly: options.readOnly,
    readOnlyMessage: { value: "Editing is off here: this server runs the examples as written. Edit them on your own machine (`npm start`)." },
    tabSize: 2,
  });
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, options.onRun);
  pinFrame(host.querySelector<HTMLElement>(".editor-scrollable"));
  escapeThenTabLeaves(monaco, editor);
  const current = () => Object.fromEntries([...models].map(([file, model]) => [file, model.getValue()]));
  for (const model of models.values()) model.onDidChangeContent(() => options.onChange(current()));
  return {
    open: (file) => editor.setModel(models.get(file) ?? null),
    files: current,
    setFiles(next) {
      for (const [file, model] of models) if (next[file] !== undefined && model.getValue() !== next[file]) model.setValue(next[file]);
    },
    mark(problems) {
      for (const [file, model] of models) {
        const markers = problems
          .filter((problem) => problem.file === file)
          .map((problem) => ({
            severity: monaco.MarkerSeverity.Error,
            message: problem.message,
            startLineNumber: problem.line,
            startColumn: problem.column + 1,
            endLineNumber: problem.line,
            endColumn: model.getLineMaxColumn(Math.min(problem.line, model.getLineCount())),
          }));
        monaco.editor.setModelMarkers(model, "build", markers);
      }
    },
    reveal(line) {
      editor.setPosition({ lineNumber: line, column: 1 });
      editor.revealLineInCenter(line);
      editor.focus();
    },
    focus: () => editor.focus(),
    wrap: (on) => editor.updateOptions({ wordWrap: on ? "on" : "off" }),
  };
}
