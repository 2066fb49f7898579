// The project's layering, checked on the import statements of server/src and client/src:
// - the core is pure: it imports nothing from VS Code, the LSP libraries or the rest of the server;
// - the client imports from the server only the shared protocol module (server/src/protocol.ts),
//   webview pages also the pure modules they run in the browser (WEBVIEW_MODULES), and the extension
//   host the Node modules it shares with the server's starters (HOST_MODULES).
// Which code has the DOM library, and which Node's, the compiler checks with a tsconfig per layer (LIBRARY_LAYERS).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/** The module both ends import: the custom protocol and the pure types the client shares with the server. */
export const SHARED_MODULE = 'server/src/protocol.ts';

/**
 * Pure server modules a webview page runs in the browser, with why a page cannot ask for them instead:
 * they format what the page shows on every event or keystroke, where a round trip through the
 * extension host and the server would make the view lag.
 */
export const WEBVIEW_MODULES: Record<string, string> = {
  'server/src/core/history/viewModel.ts': 'the execution view formats events, durations and timestamps as they stream, and its graph names states\' statuses alike',
  'server/src/core/history/storedTexts.ts': 'the execution view expands the long texts of compact events on demand',
  'server/src/core/apiLimits.ts': 'the start form checks the input and the execution name as the user types',
};

/**
 * Server modules the extension host runs too, with why: code of Node alone (no VS Code, no LSP) that
 * would otherwise be written twice.
 */
export const HOST_MODULES: Record<string, string> = {
  'server/src/startup/packed.ts': 'the extension host unpacks ELK once per build as the server\'s starters unpack the Node bundle and the AWS clients: one function',
};

/** Package names the core must not import: the editor, the LSP libraries and the language service's JSON library. */
const FORBIDDEN_IN_CORE = /^(vscode|vscode-languageserver.*|vscode-languageclient|vscode-json-languageservice)(\/|$)/;

export interface Violation {
  file: string;
  imported: string;
  rule: string;
}

/** Reads a source file's text; a test passes its own to show that a forbidden import is caught. */
export type ReadSource = (file: string) => string;

const readSource: ReadSource = (file) => readFileSync(file, 'utf8');

/**
 * The layers that differ in their libraries, one tsconfig each: the code that runs in Node (the
 * server, its execution process, the CLI, the extension host) without the DOM, and the webview
 * pages with the DOM and without Node.
 */
export const LIBRARY_LAYERS = ['tsconfig.host.json', 'tsconfig.webviews.json'];

/** The compiler's errors in one layer (its tsconfig), the project's sources read through `read`. */
export function libraryErrors(root: string, config: string, read: ReadSource = readSource): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(root, config), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => { throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')); } });
  if (!parsed) throw new Error(`${config} could not be read`);
  const host = ts.createCompilerHost(parsed.options);
  const sources = [path.join(root, 'server/src') + path.sep, path.join(root, 'client/src') + path.sep];
  host.readFile = (file) => sources.some((dir) => path.resolve(file).startsWith(dir)) ? read(path.resolve(file)) : ts.sys.readFile(file);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.formatDiagnostic(diagnostic, {
    getCanonicalFileName: (file) => file, getCurrentDirectory: () => root, getNewLine: () => '\n',
  }).trim());
}

const sourceFiles = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
  const file = path.join(dir, name);
  if (statSync(file).isDirectory()) return sourceFiles(file);
  return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [file] : [];
});

/** The file a relative specifier names (`./x` is x.ts or x/index.ts), else the specifier itself (a package). */
function resolve(from: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((candidate) => existsSync(candidate)) ?? base;
}

/** Every import and export-from of a file, type-only ones included: a type names the module it comes from too. */
function importsOf(file: string, read: ReadSource): string[] {
  return ts.preProcessFile(read(file), true, false).importedFiles.map((reference) => resolve(file, reference.fileName));
}

/** The client files a webview page's bundle holds: every file its main.ts reaches through client/src. */
function webviewFiles(root: string, clientFiles: string[], read: ReadSource): Set<string> {
  const entries = clientFiles.filter((file) => /webviews[\\/][^\\/]+[\\/]main\.ts$/.test(file));
  const reached = new Set<string>(entries);
  const clientDir = path.join(root, 'client/src') + path.sep;
  for (const file of reached) {
    for (const imported of importsOf(file, read)) if (imported.startsWith(clientDir)) reached.add(imported);
  }
  return reached;
}

export function layerViolations(root: string, read: ReadSource = readSource): Violation[] {
  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
  const violations: Violation[] = [];
  const coreDir = path.join(root, 'server/src/core') + path.sep;
  const serverDir = path.join(root, 'server/src') + path.sep;
  for (const file of sourceFiles(coreDir)) {
    for (const imported of importsOf(file, read)) {
      if (FORBIDDEN_IN_CORE.test(imported)) {
        violations.push({ file: relative(file), imported, rule: 'the core imports nothing from VS Code or the LSP libraries' });
      } else if (path.isAbsolute(imported) && !imported.startsWith(coreDir)) {
        violations.push({ file: relative(file), imported: relative(imported), rule: 'the core imports nothing from the rest of the server' });
      }
    }
  }
  const clientFiles = sourceFiles(path.join(root, 'client/src'));
  const webview = webviewFiles(root, clientFiles, read);
  for (const file of clientFiles) {
    for (const imported of importsOf(file, read)) {
      if (!imported.startsWith(serverDir)) continue;
      const module = relative(imported);
      if (module === SHARED_MODULE) continue;
      if (webview.has(file) && module in WEBVIEW_MODULES) continue;
      if (!webview.has(file) && module in HOST_MODULES) continue;
      violations.push({
        file: relative(file),
        imported: module,
        rule: webview.has(file)
          ? `a webview page imports from the server only ${SHARED_MODULE} and the pure modules listed in WEBVIEW_MODULES`
          : `the extension host imports from the server only ${SHARED_MODULE} and the Node modules listed in HOST_MODULES`,
      });
    }
  }
  return violations;
}
