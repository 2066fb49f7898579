import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { layerViolations, libraryErrors } from '../../layering/layers';

const root = path.resolve(__dirname, '../../../..');

/** Reads the sources as they are, with `line` added to the file `relative`. */
const withLine = (relative: string, line: string) => (file: string) => {
  const text = readFileSync(file, 'utf8');
  return file === path.join(root, relative) ? `${line}\n${text}` : text;
};

describe('layering', () => {
  it('holds in the sources as they are', () => {
    assert.deepEqual(layerViolations(root), []);
  });

  it('refuses the core importing VS Code, an LSP library or the language service', () => {
    for (const line of [
      "import * as vscode from 'vscode';",
      "import type { Diagnostic } from 'vscode-languageserver-types';",
      "import { getLanguageService } from 'vscode-json-languageservice';",
      "import { AslLanguageService } from '../languageService';",
    ]) {
      const violations = layerViolations(root, withLine('server/src/core/apiLimits.ts', line));
      assert.equal(violations.length, 1, line);
      assert.equal(violations[0].file, 'server/src/core/apiLimits.ts');
    }
  });

  it('refuses the extension host importing a server module other than the protocol, even for a type', () => {
    const violations = layerViolations(root, withLine('client/src/main.ts', "import type { RunPlan } from '../../server/src/execution/plan';"));
    assert.deepEqual(violations.map(({ file, imported }) => [file, imported]), [['client/src/main.ts', 'server/src/execution/plan.ts']]);
  });

  it('lets a webview page, and only a page, import the pure modules it runs in the browser', () => {
    const line = "import { formatDuration } from '../../../../server/src/core/history/viewModel';";
    assert.deepEqual(layerViolations(root, withLine('client/src/webviews/graph/main.ts', line)), []);
    const inPanel = layerViolations(root, withLine('client/src/webviews/startExecution/panel.ts', line));
    assert.deepEqual(inPanel.map(({ imported }) => imported), ['server/src/core/history/viewModel.ts']);
  });
});

describe('the libraries of each layer', () => {
  it('refuse the DOM outside the webview pages, and Node in a page', () => {
    const host = libraryErrors(root, 'tsconfig.host.json', withLine('client/src/runs/tree.ts', 'export const title = document.title;'));
    assert.equal(host.length, 1, host.join('\n'));
    assert.match(host[0], /^client\/src\/runs\/tree\.ts\(1,\d+\): error TS\d+: Cannot find name 'document'/);
    const page = libraryErrors(root, 'tsconfig.webviews.json', withLine('client/src/webviews/graph/main.ts', 'export const folder = process.cwd();'));
    assert.equal(page.length, 1, page.join('\n'));
    assert.match(page[0], /^client\/src\/webviews\/graph\/main\.ts\(1,\d+\): error TS\d+: Cannot find name 'process'/);
  });
});

describe('the extension host bundle', () => {
  it('holds no YAML or JSON parser: the server parses definitions, the client asks it', async () => {
    const esbuild = await import('esbuild');
    const { metafile } = await esbuild.build({
      entryPoints: [path.join(root, 'client/src/main.ts')], bundle: true, platform: 'node', format: 'cjs', external: ['vscode'],
      mainFields: ['module', 'main'], write: false, metafile: true, outdir: path.join(root, 'out/bundle-check'), logLevel: 'silent',
    });
    const packages = new Set(Object.keys(metafile.inputs).map((input) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(input)?.[1]).filter(Boolean));
    assert.deepEqual(['yaml', 'jsonc-parser', 'jsonata', 'jsonpath-plus'].filter((name) => packages.has(name)), []);
  });
});
