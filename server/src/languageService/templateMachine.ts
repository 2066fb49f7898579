// `analyze` of one machine of a template (`template.yaml#OrderMachine`): the machine's own analysis,
// its diagnostics, locations and compile errors at template positions, so Run Locally and the CLI
// report them where the user reads them.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Analysis, DefinitionSource } from './analysis';
import { splitMachineUri, type ReadFile, type TemplateAnalysis } from './templates';

type AnalyzeTemplate = (uri: string, text: string, read?: ReadFile) => TemplateAnalysis | undefined;

/** The analysis of `<template>#<id>`; undefined for a URI without an id (not a template's machine). */
export function machineAnalysis(analyzeTemplate: AnalyzeTemplate, source: DefinitionSource, analyze: (source: DefinitionSource) => Analysis): Analysis | undefined {
  const { templateUri, id } = splitMachineUri(source.uri);
  if (id === undefined) return undefined;
  const template = analyzeTemplate(templateUri, source.text);
  const machine = template?.machines.find((candidate) => candidate.definition.id === id);
  if (!template || !machine) return missing(analyze({ uri: source.uri, text: '' }), template ? `The template has no state machine ${id}${template.machines.length ? ` (it has ${template.machines.map((candidate) => candidate.definition.id).join(', ')})` : ''}` : `No state machine found in ${templateUri}`);
  const inner = machine.analysis;
  const problems = () => template.machineDiagnostics(machine);
  return {
    document: inner.document,
    value: inner.value,
    diagnostics: problems,
    locate: (path) => template.toTemplate(machine, inner.locate(path)),
    compiled: async () => {
      const compiled = await inner.compiled();
      const templateErrors = (await problems()).filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error);
      if (templateErrors.length) return { errors: templateErrors };
      return compiled.errors.length ? { errors: template.toTemplate(machine, compiled.errors) } : compiled;
    },
  };
}

/** An empty definition's analysis that says why there is no machine. */
function missing(empty: Analysis, message: string): Analysis {
  const diagnostic: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, message, source: 'asl' };
  return {
    document: empty.document,
    value: undefined,
    diagnostics: async () => [diagnostic],
    locate: () => diagnostic.range,
    compiled: async () => ({ errors: [diagnostic] }),
  };
}
