// Breakpoints on states: a source breakpoint on any line of a state's object is that state (moved to
// its name's line); function breakpoints name states. Conditions, hit counts and logpoints are
// evaluated when the state is entered, over its input, variables and context.
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { stateAtOffset, type AslDocument, type JsonPath, type StateEntry } from '../languageService/aslDocument';
import { pathKey } from '../languageService/stateIndex';
import { evaluate, holds, type EvaluationScope } from './expressions';
import { contextOf, type StepRecord } from './stepper';

interface StateBreakpoint {
  id: number;
  /** pathKey of the state's path, or its name for a function breakpoint. */
  key: string;
  condition?: string;
  hitCondition?: string;
  logMessage?: string;
  hits: number;
  /** Where a logpoint's message is reported. */
  line?: number;
}

/** What a breakpoint asks when its state is entered: to stop, to log a message, or an error to tell. */
export interface BreakpointHit {
  stop: boolean;
  messages: { text: string; line?: number }[];
}

/** The lines breakpoints are set on: the definition's own file, or the template around it. */
export interface ProgramLines {
  /** The program file's text (a template's, for a template's machine). */
  readonly text: TextDocument;
  /** A position of the file as a position in the definition; undefined outside it. */
  toDefinition(position: Position): Position | undefined;
  /** The range, in the file, of the key at a path into the definition. */
  locate(path: JsonPath): Range;
}

const HIT_CONDITION = /^\s*(>=|<=|==|>|<|%)?\s*(\d+)\s*$/;

export class Breakpoints {
  private bySource: StateBreakpoint[] = [];
  private byName: StateBreakpoint[] = [];
  private nextId = 1;

  constructor(private readonly document: AslDocument, private readonly lines: ProgramLines) {}

  /** The state a line belongs to: the innermost whose object holds the line's first character. */
  stateAtLine(line: number): StateEntry | undefined {
    const lineText = this.lines.text.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    const indent = lineText.length - lineText.trimStart().length;
    const position = this.lines.toDefinition({ line, character: indent });
    return position && stateAtOffset(this.document, this.document.textDocument.offsetAt(position));
  }

  nameLine(state: StateEntry): number {
    return this.lines.locate(state.path).start.line;
  }

  /** Replaces the source breakpoints; lines are 0-based. */
  setSourceBreakpoints(requested: DebugProtocol.SourceBreakpoint[], toClientLine: (line: number) => number): DebugProtocol.Breakpoint[] {
    this.bySource = [];
    return requested.map((wanted) => {
      const id = this.nextId++;
      const state = this.stateAtLine(wanted.line);
      if (!state) {
        return { id, verified: false, line: toClientLine(wanted.line), message: 'This line is outside any state: a breakpoint stops where a state is entered, so it goes on a line of a state.' };
      }
      const line = this.nameLine(state);
      this.bySource.push({ id, key: pathKey(state.path), condition: wanted.condition, hitCondition: wanted.hitCondition, logMessage: wanted.logMessage, hits: 0, line });
      const problem = hitConditionProblem(wanted.hitCondition);
      return { id, verified: problem === undefined, line: toClientLine(line), message: problem };
    });
  }

  setFunctionBreakpoints(requested: DebugProtocol.FunctionBreakpoint[]): DebugProtocol.Breakpoint[] {
    this.byName = [];
    return requested.map((wanted) => {
      const id = this.nextId++;
      const name = wanted.name.trim();
      const state = this.document.states.find((entry) => entry.name === name);
      if (!state) return { id, verified: false, message: `No state is named '${name}'.` };
      this.byName.push({ id, key: name, condition: wanted.condition, hitCondition: wanted.hitCondition, hits: 0 });
      return { id, verified: hitConditionProblem(wanted.hitCondition) === undefined, message: hitConditionProblem(wanted.hitCondition) };
    });
  }

  /** The breakpoints of a state entered: counted, their conditions evaluated, their messages formatted. */
  async hit(record: StepRecord): Promise<BreakpointHit> {
    const key = pathKey(record.path);
    const matching = [...this.bySource.filter((bp) => bp.key === key), ...this.byName.filter((bp) => bp.key === record.state.name)];
    const result: BreakpointHit = { stop: false, messages: [] };
    for (const breakpoint of matching) {
      if (breakpoint.condition?.trim()) {
        try {
          if (!holds(await evaluate(breakpoint.condition, scopeOf(record)))) continue;
        } catch (error) {
          // A condition that cannot be evaluated stops, telling why, rather than being silently false.
          result.messages.push({ text: `The condition '${breakpoint.condition}' of the breakpoint on '${record.state.name}' failed: ${(error as Error).message}\n`, line: breakpoint.line });
          result.stop = true;
          continue;
        }
      }
      breakpoint.hits++;
      if (breakpoint.hitCondition && !hitConditionHolds(breakpoint.hitCondition, breakpoint.hits)) continue;
      if (breakpoint.logMessage !== undefined) {
        result.messages.push({ text: `${await interpolate(breakpoint.logMessage, record)}\n`, line: breakpoint.line });
      } else {
        result.stop = true;
      }
    }
    return result;
  }

  /** Whether a recorded state has a breakpoint that stops (conditions over its recorded data; hit counts are not replayed). */
  async stopsInRecording(record: StepRecord): Promise<boolean> {
    const key = pathKey(record.path);
    const matching = [...this.bySource.filter((bp) => bp.key === key), ...this.byName.filter((bp) => bp.key === record.state.name)]
      .filter((bp) => bp.logMessage === undefined);
    for (const breakpoint of matching) {
      if (!breakpoint.condition?.trim()) return true;
      if (await evaluate(breakpoint.condition, scopeOf(record)).then(holds, () => true)) return true;
    }
    return false;
  }
}

/** What an expression sees at a recorded state. */
export function scopeOf(record: StepRecord): EvaluationScope {
  const states: Record<string, unknown> = {};
  if (record.finished && !record.failure) states.result = record.result;
  if (record.failure) states.errorOutput = { Error: record.failure.error, Cause: record.failure.cause };
  return { input: record.input, variables: record.variables, context: contextOf(record), states, language: record.state.language };
}

function hitConditionProblem(condition: string | undefined): string | undefined {
  if (condition === undefined || condition.trim() === '' || HIT_CONDITION.test(condition)) return undefined;
  return `The hit count '${condition}' is not understood: write a number (stop at that hit), or >= 3, > 3, < 3, <= 3, == 3, % 3.`;
}

function hitConditionHolds(condition: string, hits: number): boolean {
  const match = HIT_CONDITION.exec(condition);
  if (!match) return false;
  const count = Number(match[2]);
  switch (match[1]) {
    case '>=': return hits >= count;
    case '<=': return hits <= count;
    case '>': return hits > count;
    case '<': return hits < count;
    case '%': return count > 0 && hits % count === 0;
    default: return hits === count;
  }
}

/** A logpoint's message: each `{expression}` replaced by its value. */
async function interpolate(message: string, record: StepRecord): Promise<string> {
  const parts = message.split(/(\{[^{}]+\})/);
  const texts = await Promise.all(parts.map(async (part) => {
    if (!/^\{[^{}]+\}$/.test(part)) return part;
    try {
      const value = await evaluate(/^\{%[\s\S]*%\}$/.test(part) ? part : part.slice(1, -1), scopeOf(record));
      return typeof value === 'string' ? value : JSON.stringify(value);
    } catch (error) {
      return `<${(error as Error).message}>`;
    }
  }));
  return texts.join('');
}
