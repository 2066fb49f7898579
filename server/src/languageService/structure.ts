// Folding ranges, selection ranges and formatting. JSON delegates to
// vscode-json-languageservice (its scanner knows comments and brackets); YAML derives
// folding and selection from the same syntax tree every other feature reads, and is
// formatted by the yaml package.
import type { ASTNode, LanguageService as JsonLanguageService } from 'vscode-json-languageservice';
import type { FoldingRange, FormattingOptions, Position, Range, SelectionRange, TextEdit } from 'vscode-languageserver-types';
import { parseDocument } from '../core/yaml';
import { AslDocument, rangeOfNode } from './aslDocument';
import { offsetBeyondNesting } from './nesting';
import { isYaml } from './textSyntax';
import { unresolvedAliases } from './yamlDocument';

export function getFoldingRanges(jsonService: JsonLanguageService, document: AslDocument): FoldingRange[] {
  if (!isYaml(document)) return jsonService.getFoldingRanges(document.textDocument);
  const ranges: FoldingRange[] = [];
  const visit = (node: ASTNode) => {
    if (node.type === 'object' || node.type === 'array') {
      // A block collection folds under the line of its key.
      const owner = node.parent?.type === 'property' ? node.parent : node;
      const startLine = document.textDocument.positionAt(owner.offset).line;
      const endLine = document.textDocument.positionAt(node.offset + node.length).line;
      const lastLine = document.textDocument.getText().charAt(node.offset + node.length - 1) === '\n' ? endLine - 1 : endLine;
      if (lastLine > startLine) ranges.push({ startLine, endLine: lastLine });
    }
    node.children?.forEach(visit);
  };
  if (document.json.root) visit(document.json.root);
  return ranges;
}

export function getSelectionRanges(jsonService: JsonLanguageService, document: AslDocument, positions: Position[]): SelectionRange[] {
  if (!isYaml(document)) return jsonService.getSelectionRanges(document.textDocument, positions, document.json);
  return positions.map((position) => {
    const offset = document.textDocument.offsetAt(position);
    let node = document.json.getNodeFromOffset(offset, true);
    const ranges: Range[] = [];
    for (; node; node = node.parent) ranges.push(rangeOfNode(document.textDocument, node));
    let selection: SelectionRange | undefined;
    for (const range of ranges.reverse()) selection = { range, parent: selection };
    return selection ?? { range: { start: position, end: position } };
  });
}

export function format(jsonService: JsonLanguageService, document: AslDocument, range: Range | undefined, options: FormattingOptions): TextEdit[] {
  const { textDocument } = document;
  if (!isYaml(document)) return offsetBeyondNesting(textDocument.getText()) === undefined ? jsonService.format(textDocument, range, options) : [];
  const text = textDocument.getText();
  const yaml = parseDocument(text);
  // Reformatting a document that does not parse would lose what the user is typing.
  if (yaml.errors.length || unresolvedAliases(yaml).length) return [];
  const formatted = yaml.toString({ indent: options.tabSize, lineWidth: 0 });
  if (formatted === text) return [];
  return [{ range: { start: textDocument.positionAt(0), end: textDocument.positionAt(text.length) }, newText: formatted }];
}
