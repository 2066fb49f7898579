// Shared by the editing feature tests: documents written with a `|` marking the cursor.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { getLanguageService } from '../../../server/src/languageService';
import type { AslDocument } from '../../../server/src/languageService/aslDocument';

export const service = getLanguageService();

export function parse(text: string, languageId = 'asl'): AslDocument {
  return service.parse(TextDocument.create(languageId === 'asl-yaml' ? 'file:///test.asl.yaml' : 'file:///test.asl.json', languageId, 1, text));
}

/** The document without its `|` and the position the `|` stood at. */
export function withCursor(marked: string, languageId = 'asl'): { document: AslDocument; position: Position } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('No | cursor in the test document');
  const document = parse(marked.slice(0, offset) + marked.slice(offset + 1), languageId);
  return { document, position: document.textDocument.positionAt(offset) };
}

/** The position of the `occurrence`-th (0-based) `needle` in the document, plus `delta` characters. */
export function positionOf(document: AslDocument, needle: string, delta = 0, occurrence = 0): Position {
  const text = document.textDocument.getText();
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) offset = text.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`"${needle}" not in the test document`);
  return document.textDocument.positionAt(offset + delta);
}

/** A machine with a Parallel whose branch has its own "Done", to test scopes. */
export const NESTED = JSON.stringify({
  StartAt: 'Start',
  States: {
    Start: { Type: 'Pass', Next: 'Fork' },
    Fork: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'Done', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }] }, Done: { Type: 'Succeed' } } },
      ],
      Next: 'Check',
    },
    Check: {
      Type: 'Choice',
      Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Done' }],
      Default: 'Failed',
    },
    Done: { Type: 'Succeed' },
    Failed: { Type: 'Fail', Error: 'Custom.Failure', Cause: 'It failed' },
  },
}, null, 2);
