import path from "node:path";
import ts from "typescript";
import type { Problem } from "../../common/playground-protocol.ts";
import type { EditorLib } from "./editor-types.ts";
import type { Files } from "./example-files.ts";

/** The compiler options of the workbench's editor (`client/workbench/code-editor.ts`), so both report the same errors. */
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  allowImportingTsExtensions: true,
  noEmit: true,
  strict: true,
  esModuleInterop: true,
  skipLibCheck: true,
};

/** Parsed files that never change (chirp, Node's types, TypeScript's own libs), kept across checks. */
const parsed = new Map<string, ts.SourceFile>();

/** The project as the editor sees it: the edited files at `/`, the editor's libs under `/node_modules/`. */
function host(libs: Map<string, string>, files: Files): ts.CompilerHost {
  const edited = new Map(Object.entries(files).map(([file, text]) => [`/${file}`, text]));
  const libDir = path.dirname(ts.getDefaultLibFilePath(OPTIONS));
  const read = (file: string) => edited.get(file) ?? libs.get(file) ?? (file.startsWith(libDir) ? ts.sys.readFile(file) : undefined);
  return {
    getSourceFile(file, languageVersion) {
      if (edited.has(file)) return ts.createSourceFile(file, edited.get(file)!, languageVersion, true);
      let source = parsed.get(file);
      if (!source) {
        const text = read(file);
        if (text === undefined) return undefined;
        source = ts.createSourceFile(file, text, languageVersion, true);
        parsed.set(file, source);
      }
      return source;
    },
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    writeFile: () => {},
    getCurrentDirectory: () => "/",
    getCanonicalFileName: (file) => file,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (file) => read(file) !== undefined,
    readFile: read,
    directoryExists: (dir) => {
      const prefix = dir.endsWith("/") ? dir : `${dir}/`;
      return dir.startsWith(libDir) || [...edited.keys(), ...libs.keys()].some((file) => file.startsWith(prefix));
    },
    getDirectories: () => [],
  };
}

/**
 * The TypeScript errors of the edited `.ts` files, checked as the workbench's editor
 * checks them (its options, chirp's sources, Node's types and the test API), with
 * each file named as its tab is. A run does not wait for this: code with type
 * errors still runs, as in the TypeScript playground.
 */
export function typeProblems(editorLibs: EditorLib[], files: Files): Problem[] {
  const own = Object.keys(files).filter((file) => file.endsWith(".ts"));
  const libs = new Map(editorLibs.map((lib) => [lib.path.replace(/^file:\/\//, ""), lib.text]));
  const program = ts.createProgram({ rootNames: [...own.map((file) => `/${file}`), ...libs.keys()], options: OPTIONS, host: host(libs, files) });
  return own.flatMap((file) => {
    const source = program.getSourceFile(`/${file}`)!;
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((diagnostic) => {
      const { line, character } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      return { file, line: line + 1, column: character, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n") };
    });
  });
}
