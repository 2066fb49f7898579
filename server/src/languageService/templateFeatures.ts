// The editor's features inside a template: a feature at a position runs on the machine whose
// definition holds it; a feature of the whole document runs on every machine; answers come back at
// template positions. Outside every definition a template gets nothing from this server.
import type { CodeLens, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { YAML_LANGUAGE_ID } from './definitionService';
import type { AslDocument } from './aslDocument';
import { DEBUG_LOCALLY_COMMAND, PREVIEW_GRAPH_COMMAND, RUN_LOCALLY_COMMAND } from './codeLens';
import type { DesignResult, TemplateMachine } from '../protocol';
import type { EmbeddedMachine, TemplateAnalysis } from './templates';

export function atPosition<T, E>(template: TemplateAnalysis, position: Position, empty: E, feature: (document: AslDocument, position: Position) => T): T | E {
  const hit = template.at(position);
  if (!hit) return empty;
  const answer = feature(hit.machine.analysis.document, hit.position);
  return answer === null || answer === undefined ? empty : template.toTemplate(hit.machine, answer);
}

/** A template range as a range in one machine's definition; undefined when it is not inside a single definition. */
export function rangeInMachine(template: TemplateAnalysis, range: Range): { machine: EmbeddedMachine; range: Range } | undefined {
  const start = template.at(range.start);
  const end = template.at(range.end);
  return start && end && start.machine === end.machine ? { machine: start.machine, range: { start: start.position, end: end.position } } : undefined;
}

/** Every machine's answers, for features of the whole document (formatting, code lenses...). Not for machines in files of their own. */
export function everyMachine<T>(template: TemplateAnalysis, feature: (document: AslDocument) => T[]): T[] {
  return template.machines.filter((machine) => !machine.definition.file).flatMap((machine) => template.toTemplate(machine, feature(machine.analysis.document)));
}

export function templateMachines(template: TemplateAnalysis): TemplateMachine[] {
  return template.machines.map((machine) => ({
    id: machine.definition.id,
    uri: machine.uri,
    range: template.rangeOf(machine.definition.idStart, machine.definition.idEnd),
    readOnly: machine.definition.readOnly,
  }));
}

/** Run, debug and graph lenses above each machine's id; a read-only one (a CDK template's) also says where to edit it. */
export function templateCodeLenses(template: TemplateAnalysis): CodeLens[] {
  return templateMachines(template).flatMap(({ id, uri, range, readOnly }) => [
    { range, command: { title: `$(play) Run ${id} locally`, command: RUN_LOCALLY_COMMAND, arguments: [uri] } },
    { range, command: { title: '$(debug-alt) Debug', command: DEBUG_LOCALLY_COMMAND, arguments: [uri] } },
    { range, command: { title: '$(type-hierarchy) Preview graph', command: PREVIEW_GRAPH_COMMAND, arguments: [uri] } },
    // A lens without a command is a label.
    ...readOnly ? [{ range, command: { title: `$(lock) Read-only: ${readOnly}`, command: '' } }] : [],
  ]);
}

/**
 * A machine's formatting edits, ready for the template: a YAML definition is formatted from column 0,
 * so its lines get back the margin the definition stands at in the template.
 */
export function formatInTemplate(document: AslDocument, edits: TextEdit[]): TextEdit[] {
  if (document.textDocument.languageId !== YAML_LANGUAGE_ID) return edits;
  const margin = /^[ \t]*/.exec(document.textDocument.getText())![0];
  return margin ? edits.map((edit) => ({ ...edit, newText: edit.newText.replace(/^(?=.)/gm, margin) })) : edits;
}

/** What checking a design edit in a template needs: its text, and the analysis of a text it might have. */
export interface TemplateDesignContext {
  text: string;
  reanalyze: (text: string) => TemplateAnalysis | undefined;
  /** The text of the file DefinitionUri names, for a definition in a file of its own. */
  fileText?: string;
}

/**
 * A design operation's answer for a template's machine, in the template's own form (a DefinitionString's
 * escapes, a YAML block's margin) or in the file DefinitionUri names. The template is read again with the
 * edit: refused when it would land on a placeholder's value, or when the machine would not read as
 * designed (text the template builds from pieces: an Fn::Join, Terraform's jsonencode object).
 */
export function designInTemplate(template: TemplateAnalysis, machine: EmbeddedMachine, result: DesignResult, context: TemplateDesignContext): DesignResult {
  if (!('edit' in result)) return result;
  const { readOnly, file, mapped, placeholders, id } = machine.definition;
  if (readOnly) return { error: `This definition is read-only: ${readOnly}.` };
  if (file && context.fileText === undefined) return { error: `The definition is in ${file.path}, which cannot be read: open it to design it.` };
  const edits = result.edit.changes?.[machine.uri] ?? [];
  const landed = template.toTemplate(machine, edits, context.fileText);
  const own = machine.analysis.document.textDocument;
  const refused = landed.length === edits.length ? undefined : edits.find((edit) => template.toTemplate(machine, [edit], context.fileText).length === 0);
  const placeholder = refused && placeholders.find((candidate) =>
    candidate.start <= mapped.endInTemplate(own.offsetAt(refused.range.end)) && candidate.end >= mapped.startInTemplate(own.offsetAt(refused.range.start)));
  if (placeholder) return { error: `This change would write over ${placeholder.name}, which the template fills in (${placeholder.value}): change that part in the template's text.` };
  if (refused || (!file && !readsAsDesigned(context, machine, landed, TextDocument.applyEdits(own, edits)))) {
    return { error: `The template builds the definition of ${id} from pieces the designer cannot write this change into: change that part in the template's text.` };
  }
  return { ...result, edit: { changes: { [machine.targetUri]: landed } } };
}

/** Whether the template, edited, holds the machine's definition as the designer made it. */
function readsAsDesigned(context: TemplateDesignContext, machine: EmbeddedMachine, edits: TextEdit[], designed: string): boolean {
  const edited = TextDocument.applyEdits(TextDocument.create(machine.uri, 'template', 0, context.text), edits);
  return context.reanalyze(edited)?.machines.find((candidate) => candidate.definition.id === machine.definition.id)?.definition.mapped.text === designed;
}
