// The designer's inspector: the selected state's fields as forms by its type and query language,
// each change one design operation, with the language server's completion in its text fields and
// its diagnostics at the field they are about. The text stays the truth: the form is drawn again
// from each new version of it.
import type { DesignEdge, DesignPath, DesignState, GraphNode } from '../../../../server/src/protocol';
import { button, clearForRedraw, type Completer, diagnosticList, fieldKey, fieldRow, fieldset, isRecord, paragraph, selectRow, targetRow } from './inspectorControls';
import { catchEditor, field, type FormContext, type InspectorAction, keyValueEditor, mapEditors, retryEditor } from './inspectorForms';

export type { InspectorAction } from './inspectorForms';

type Value = Record<string, unknown>;

const ERROR_HANDLING = new Set(['Task', 'Parallel', 'Map']);
const WAIT_FORMS = ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'];
/** The JSONPath fields that move data, by the state types that have them. */
const JSONPATH_FIELDS: [string, string, Set<string>][] = [
  ['InputPath', 'Input path', new Set(['Task', 'Pass', 'Map', 'Parallel', 'Wait', 'Choice', 'Succeed'])],
  ['ResultPath', 'Result path', new Set(['Task', 'Pass', 'Map', 'Parallel'])],
  ['OutputPath', 'Output path', new Set(['Task', 'Pass', 'Map', 'Parallel', 'Wait', 'Choice', 'Succeed'])],
];

export interface Inspector {
  readonly element: HTMLElement;
  /** Shows a state (or, undefined, the hint of what to do). */
  show(node: GraphNode | undefined, state: DesignState | undefined): void;
  /** Puts the keyboard on the first field (Enter on a state). */
  focus(): void;
}

/**
 * `operators`: the JSONPath Choice rule operators (the extension host sends them); `complete`: the
 * language server's completion in the field at `field` of the state at `state`.
 */
export function createInspector(act: InspectorAction, operators: () => string[], complete: (state: DesignPath, field: DesignPath, text: string, offset: number) => ReturnType<Completer>): Inspector {
  const element = document.createElement('aside');
  element.className = 'inspector';
  element.setAttribute('aria-label', 'State inspector');
  let showSource = false;
  let shown: { node: GraphNode; state: DesignState } | undefined;
  /** What the form shows, to draw it again only when that changes. */
  let drawn: string | undefined;

  const render = () => {
    // A field being typed in survives the redraw a new version of the text brings (say its diagnostics).
    // Only while the page has the focus: a redraw must not take it from the editor (its Ctrl+Z would land here).
    const active = document.hasFocus() && element.contains(document.activeElement) ? document.activeElement as HTMLElement : undefined;
    const focusedField = active?.dataset.field;
    const typing = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement ? active : undefined;
    const typed = typing && typing.value !== typing.defaultValue ? typing.value : undefined;
    const caret = typing?.selectionStart ?? undefined;
    const suggesting = active?.dataset.suggesting === 'true';
    clearForRedraw(element);
    if (!shown) {
      element.append(paragraph('inspector-hint', 'Select a state to edit it here. Drag a state from the palette onto an edge, a branch or the canvas; Delete removes the selected state, Ctrl+D duplicates it, F2 renames it.'));
      return;
    }
    const { node, state } = shown;
    const value = (isRecord(state.value) ? state.value : {}) as Value;
    const path = node.path;
    const jsonata = state.queryLanguage === 'JSONata';
    const heading = document.createElement('h2');
    heading.textContent = `${node.type ?? 'State'}: ${node.name}`;
    const source = button(showSource ? 'Form' : 'Source', showSource ? 'Show the form' : "Show the state's text", () => {
      showSource = !showSource;
      render();
    });
    source.classList.add('source-toggle');
    const header = document.createElement('div');
    header.className = 'inspector-header';
    header.append(heading, source);
    element.append(header);
    if (showSource) {
      const pre = document.createElement('pre');
      pre.className = 'inspector-source';
      pre.textContent = state.source;
      element.append(pre, ...(node.diagnostics.length ? [diagnosticList(node.diagnostics.map((diagnostic) => diagnostic.message))] : []));
      return;
    }
    const form = document.createElement('div');
    form.className = 'inspector-form';
    element.append(form);
    const context: FormContext = {
      node,
      jsonata,
      targets: state.targets,
      act,
      set: (at, next, what = String(at[at.length - 1]), replaces) =>
        act({ kind: 'setField', state: path, field: at, ...(next === undefined ? {} : { value: next }), ...(replaces ? { replaces } : {}) }, next === undefined ? `Removed ${what} of ${node.name}` : `Set ${what} of ${node.name}`),
      completer: (at) => (text, offset) => complete(path, at, text, offset),
    };
    const set = (name: string, next: unknown, replaces?: string[]) => context.set([name], next, name, replaces);
    const add = (name: string, label: string, kind: 'text' | 'number' | 'json' | 'value') => form.append(field(context, [name], label, kind, value[name]));
    const addObject = (name: string, paths: boolean) => form.append(keyValueEditor(context, [name], name, value[name], paths));

    form.append(fieldRow('Name', 'Name', 'text', node.name, (next) => {
      if (typeof next === 'string' && next !== node.name) act({ kind: 'renameState', state: path, newName: next }, `Renamed ${node.name} to ${next}`);
    }));
    add('Comment', 'Comment', 'text');
    switch (node.type) {
      case 'Task':
        add('Resource', 'Resource (an integration or an ARN)', 'text');
        addObject(jsonata ? 'Arguments' : 'Parameters', !jsonata);
        add('TimeoutSeconds', 'Timeout (seconds)', jsonata ? 'value' : 'number');
        add('HeartbeatSeconds', 'Heartbeat (seconds)', jsonata ? 'value' : 'number');
        break;
      case 'Pass':
        if (!jsonata) add('Result', 'Result', 'json');
        if (!jsonata) addObject('Parameters', true);
        break;
      case 'Wait': {
        const forms = jsonata ? WAIT_FORMS.slice(0, 2) : WAIT_FORMS;
        const current = forms.find((form) => form in value) ?? 'Seconds';
        form.append(selectRow('WaitForm', 'Wait for', forms.map((form) => ({ label: form, value: form })), current, (chosen) => {
          if (chosen !== current) set(chosen, chosen === 'Seconds' ? 5 : chosen === 'Timestamp' ? '2026-01-01T00:00:00Z' : '$.wait', forms.filter((form) => form !== chosen));
        }));
        // In JSONata, Seconds may be an expression in {% %}.
        add(current, current, current !== 'Seconds' ? 'text' : jsonata ? 'value' : typeof value.Seconds === 'string' ? 'text' : 'number');
        break;
      }
      case 'Fail':
        add('Error', 'Error', 'text');
        add('Cause', 'Cause', 'text');
        break;
      case 'Choice': {
        const rules = Array.isArray(value.Choices) ? value.Choices : [];
        rules.forEach((rule, index) => {
          const group = fieldset(`Rule ${index + 1}`);
          const { Next: next, Comment: comment, Assign: assign, Output: output, ...condition } = isRecord(rule) ? rule : {};
          // The condition changes, what the rule does when it matches stays.
          const around = Object.fromEntries(Object.entries({ Next: next, Comment: comment, Assign: assign, Output: output }).filter(([, kept]) => kept !== undefined));
          const setRule = (changed: Value) => act({ kind: 'setField', state: path, field: ['Choices', index], value: { ...changed, ...around } }, `Changed rule ${index + 1} of ${node.name}`);
          if (jsonata) group.append(field(context, ['Choices', index, 'Condition'], 'Condition (JSONata)', 'text', condition.Condition));
          else group.append(...ruleBuilder(context, ['Choices', index], condition, operators(), setRule));
          group.append(fieldRow(`Choices.${index}`, 'Rule as JSON', 'json', condition, (changed) => {
            if (isRecord(changed)) setRule(changed);
          }));
          group.append(keyValueEditor(context, ['Choices', index, 'Assign'], 'Assign', assign, false));
          if (jsonata) group.append(field(context, ['Choices', index, 'Output'], 'Output', 'value', output));
          group.append(targetRow(`Choices.${index}.Next`, 'Go to', state.targets, next, false, (target) =>
            act({ kind: 'setTarget', edge: { from: path, kind: 'Choice', index }, target }, `Rule ${index + 1} of ${node.name} goes to ${target}`)));
          form.append(group);
        });
        form.append(button('Add rule', `Add a rule to ${node.name}`, () => act({ kind: 'addChoiceRule', state: path }, `Added a rule to ${node.name}`)));
        form.append(targetRow('Default', 'Default', state.targets, value.Default, false, (target) => typeof value.Default === 'string'
          ? act({ kind: 'setTarget', edge: { from: path, kind: 'Default' }, target }, `Default of ${node.name} goes to ${target}`)
          : set('Default', target ?? undefined)));
        break;
      }
      case 'Map':
        add(jsonata ? 'Items' : 'ItemsPath', jsonata ? 'Items' : 'Items path', jsonata ? 'value' : 'text');
        addObject('ItemSelector', !jsonata);
        form.append(...mapEditors(context, value));
        break;
      case 'Parallel':
        form.append(button('Add branch', `Add a branch to ${node.name}`, () => act({ kind: 'addBranch', state: path }, `Added a branch to ${node.name}`)));
        break;
    }
    if (!jsonata) {
      for (const [name, label, types] of JSONPATH_FIELDS) if (types.has(node.type ?? '')) add(name, label, 'text');
      if (ERROR_HANDLING.has(node.type ?? '')) addObject('ResultSelector', true);
    }
    addObject('Assign', false);
    if (jsonata && node.type !== 'Fail') add('Output', 'Output', 'value');
    if (node.type !== 'Choice' && node.type !== 'Succeed' && node.type !== 'Fail') {
      const edge: DesignEdge = { from: path, kind: typeof value.Next === 'string' ? 'Next' : 'End' };
      form.append(targetRow('Next', 'Next', state.targets, value.End === true ? null : value.Next, true, (target) => value.Next === undefined && value.End === undefined
        ? set(target === null ? 'End' : 'Next', target ?? true)
        : act({ kind: 'setTarget', edge, target }, target === null ? `${node.name} ends the flow` : `${node.name} goes to ${target}`)));
    }
    if (ERROR_HANDLING.has(node.type ?? '')) form.append(...retryEditor(context, value.Retry), ...catchEditor(context, value.Catch));
    const loose = attachDiagnostics(form, node.diagnostics);
    if (loose.length) header.after(diagnosticList(loose));
    const refocused = focusedField ? element.querySelector<HTMLElement>(`[data-field="${CSS.escape(focusedField)}"]`) : null;
    if (typed !== undefined && (refocused instanceof HTMLInputElement || refocused instanceof HTMLTextAreaElement)) {
      refocused.value = typed;
      if (caret !== undefined) refocused.setSelectionRange(caret, caret);
    }
    refocused?.focus();
    // Its suggestions, asked again for the new text of the document.
    if (suggesting) refocused?.dispatchEvent(new Event('input'));
  };

  return {
    element,
    show(node, state) {
      // A new version of the text that leaves this state as it was (an edit elsewhere, diagnostics again) keeps the form as it is.
      const drawing = node && state ? JSON.stringify([node.path, node.name, node.type, node.diagnostics, state]) : undefined;
      if (drawing !== undefined && drawing === drawn) return;
      drawn = drawing;
      shown = node && state ? { node, state } : undefined;
      render();
    },
    focus() {
      element.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    },
  };
}

/**
 * Puts each diagnostic under the innermost field or group of the form it is about (its control
 * marked invalid and described by it); answers the messages no field of the form shows.
 */
function attachDiagnostics(form: HTMLElement, diagnostics: GraphNode['diagnostics']): string[] {
  const byPlace = new Map<HTMLElement, string[]>();
  const loose: string[] = [];
  for (const diagnostic of diagnostics) {
    const at = diagnostic.fieldPath ?? (diagnostic.field ? [diagnostic.field] : []);
    let place: HTMLElement | null = null;
    for (let length = at.length; length > 0 && !place; length--) place = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(fieldKey(at.slice(0, length)))}"]`);
    if (place) byPlace.set(place, [...byPlace.get(place) ?? [], diagnostic.message]);
    else loose.push(diagnostic.message);
  }
  let count = 0;
  for (const [place, messages] of byPlace) {
    const list = diagnosticList(messages);
    list.id = `field-diagnostics-${++count}`;
    if (place instanceof HTMLFieldSetElement) {
      place.querySelector('legend')!.after(list);
      continue;
    }
    place.setAttribute('aria-invalid', 'true');
    place.setAttribute('aria-describedby', list.id);
    (place.closest('.field') ?? place).append(list);
  }
  return loose;
}

const COMBINATIONS = ['Comparison', 'And', 'Or', 'Not'];
/** What a new comparison (in an And or Or, or in place of a combination) starts as. */
const NEW_COMPARISON: Value = { Variable: '$.value', IsPresent: true };

/**
 * A JSONPath Choice rule as a form, as deep as it is nested: a comparison (Variable, operator, value)
 * or And, Or (rules added and removed) and Not (one rule) around others. `commit` sets the rule the
 * form shows; the rules inside it set themselves, at their own path.
 */
function ruleBuilder(context: FormContext, at: DesignPath, rule: Value, operators: string[], commit: (rule: Value) => void, depth = 0): HTMLElement[] {
  const field = fieldKey(at);
  const combination = COMBINATIONS.find((kind) => kind in rule) ?? 'Comparison';
  const inner = combination === 'Not' ? [rule.Not] : combination === 'And' || combination === 'Or' ? (Array.isArray(rule[combination]) ? rule[combination] as unknown[] : []) : [];
  const rows: HTMLElement[] = [selectRow(`${field}.Kind`, depth ? `Kind (level ${depth + 1})` : 'Kind', COMBINATIONS.map((kind) => ({ label: kind, value: kind })), combination, (kind) => {
    if (kind === combination) return;
    // The rules kept: the comparison becomes the first of a combination, a combination's first rule the comparison.
    const kept = combination === 'Comparison' ? [rule] : inner.filter(isRecord);
    commit(kind === 'Comparison' ? kept[0] ?? NEW_COMPARISON : kind === 'Not' ? { Not: kept[0] ?? NEW_COMPARISON } : { [kind]: kept.length ? kept : [NEW_COMPARISON] });
  })];
  if (combination === 'Comparison') {
    const operator = Object.keys(rule).find((key) => operators.includes(key)) ?? 'StringEquals';
    const comparison = (variable: unknown, op: string, value: unknown) => commit({ Variable: variable, [op]: value });
    rows.push(
      fieldRow(`${field}.Variable`, 'Variable', 'text', rule.Variable, (variable) => comparison(variable, operator, rule[operator]), context.completer([...at, 'Variable'])),
      selectRow(`${field}.Operator`, 'Operator', operators.map((op) => ({ label: op, value: op })), operator, (op) => comparison(rule.Variable, op, operandOf(op, String(rule[operator] ?? '')))),
      fieldRow(`${field}.Value`, 'Value', 'text', rule[operator], (value) => comparison(rule.Variable, operator, operandOf(operator, String(value ?? ''))), operator.endsWith('Path') ? context.completer([...at, operator]) : undefined),
    );
    return rows;
  }
  const word = combination === 'Not' ? 'Not' : combination;
  inner.forEach((child, index) => {
    const childAt = combination === 'Not' ? [...at, 'Not'] : [...at, combination, index];
    const group = fieldset(combination === 'Not' ? 'Not this rule' : `${word} rule ${index + 1}`);
    const setChild = (changed: Value) => context.set(childAt, changed, `a rule inside ${word}`);
    group.append(...(isRecord(child) ? ruleBuilder(context, childAt, child, operators, setChild, depth + 1) : [fieldRow(fieldKey(childAt), 'Rule', 'json', child, (changed) => setChild(changed as Value))]));
    if (combination !== 'Not') {
      group.append(button('Remove', `Remove ${word} rule ${index + 1}`, () => (inner.length > 1
        ? context.set(childAt, undefined, `${word} rule ${index + 1}`)
        : commit(NEW_COMPARISON))));
    }
    rows.push(group);
  });
  if (combination !== 'Not') {
    rows.push(button(`Add to ${word}`, `Add a rule to ${word}${depth ? ` (level ${depth + 1})` : ''}`, () => context.set([...at, combination, inner.length], NEW_COMPARISON, `a rule of ${word}`)));
  }
  return rows;
}

/** A comparison's value as its operator takes it: a path or a string as written, a number, a boolean. */
function operandOf(operator: string, text: string): unknown {
  if (operator.endsWith('Path') || operator.startsWith('String') || operator.startsWith('Timestamp')) return text;
  if (operator.startsWith('Numeric')) return Number.isFinite(Number(text)) && text.trim() !== '' ? Number(text) : 0;
  return text.trim() !== 'false';
}
