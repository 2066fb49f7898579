// The designer's inspector: the selected state's fields as a form by its type and query language,
// each change one design operation, with the language server's diagnostics at the field they are
// about. The text stays the truth: the form is drawn again from each new version of it.
import type { DesignEdge, DesignOperation, DesignState, GraphNode } from '../../../../server/src/protocol';

type Value = Record<string, unknown>;
export type InspectorAction = (operation: DesignOperation, announce: string) => void;

const ERROR_HANDLING = new Set(['Task', 'Parallel', 'Map']);
const WAIT_FORMS = ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'];

export interface Inspector {
  readonly element: HTMLElement;
  /** Shows a state (or, undefined, the hint of what to do). */
  show(node: GraphNode | undefined, state: DesignState | undefined): void;
  /** Puts the keyboard on the first field (Enter on a state). */
  focus(): void;
}

/** `operators`: the JSONPath Choice rule operators (the extension host sends them). */
export function createInspector(act: InspectorAction, operators: () => string[]): Inspector {
  const element = document.createElement('aside');
  element.className = 'inspector';
  element.setAttribute('aria-label', 'State inspector');
  let showSource = false;
  let shown: { node: GraphNode; state: DesignState } | undefined;

  const render = () => {
    // A field being typed in survives the redraw a new version of the text brings (say its diagnostics).
    // Only while the page has the focus: a redraw must not take it from the editor (its Ctrl+Z would land here).
    const active = document.hasFocus() && element.contains(document.activeElement) ? document.activeElement as HTMLElement : undefined;
    const focusedField = active?.dataset.field;
    const typing = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement ? active : undefined;
    const typed = typing && typing.value !== typing.defaultValue ? typing.value : undefined;
    element.replaceChildren();
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
    const loose = node.diagnostics.filter((diagnostic) => !diagnostic.field || !(diagnostic.field in value) && diagnostic.field !== 'Name');
    if (loose.length) element.append(diagnosticList(loose.map((diagnostic) => diagnostic.message)));
    if (showSource) {
      const pre = document.createElement('pre');
      pre.className = 'inspector-source';
      pre.textContent = state.source;
      element.append(pre);
      return;
    }
    const form = document.createElement('div');
    form.className = 'inspector-form';
    element.append(form);
    const messagesOf = (field: string) => node.diagnostics.filter((diagnostic) => diagnostic.field === field).map((diagnostic) => diagnostic.message);
    const set = (field: string, next: unknown, replaces?: string[]) =>
      act({ kind: 'setField', state: path, field: [field], value: next, ...(replaces ? { replaces } : {}) }, next === undefined ? `Removed ${field} of ${node.name}` : `Set ${field} of ${node.name}`);
    const add = (field: string, label: string, kind: 'text' | 'number' | 'json') =>
      form.append(fieldRow(field, label, kind, value[field], messagesOf(field), (next) => set(field, next)));

    form.append(fieldRow('Name', 'Name', 'text', node.name, [], (next) => {
      if (typeof next === 'string' && next !== node.name) act({ kind: 'renameState', state: path, newName: next }, `Renamed ${node.name} to ${next}`);
    }));
    add('Comment', 'Comment', 'text');
    switch (node.type) {
      case 'Task':
        add('Resource', 'Resource', 'text');
        add(jsonata ? 'Arguments' : 'Parameters', jsonata ? 'Arguments' : 'Parameters', 'json');
        add('TimeoutSeconds', 'Timeout (seconds)', 'number');
        add('HeartbeatSeconds', 'Heartbeat (seconds)', 'number');
        break;
      case 'Pass':
        if (!jsonata) add('Result', 'Result', 'json');
        if (!jsonata) add('Parameters', 'Parameters', 'json');
        break;
      case 'Wait': {
        const forms = jsonata ? WAIT_FORMS.slice(0, 2) : WAIT_FORMS;
        const current = forms.find((form) => form in value) ?? 'Seconds';
        form.append(selectRow('WaitForm', 'Wait for', forms.map((form) => ({ label: form, value: form })), current, (chosen) => {
          if (chosen !== current) set(chosen, chosen === 'Seconds' ? 5 : chosen === 'Timestamp' ? '2026-01-01T00:00:00Z' : '$.wait', forms.filter((form) => form !== chosen));
        }));
        form.append(fieldRow(current, current, current === 'Seconds' && typeof value.Seconds !== 'string' ? 'number' : 'text', value[current], messagesOf(current), (next) => set(current, next)));
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
          const { Next: next, ...condition } = isRecord(rule) ? rule : {};
          const setRule = (changed: Value) => act({ kind: 'setField', state: path, field: ['Choices', index], value: { ...changed, Next: next } }, `Changed rule ${index + 1} of ${node.name}`);
          if (jsonata) group.append(fieldRow(`Choices.${index}.Condition`, 'Condition (JSONata)', 'text', condition.Condition, [], (changed) => setRule({ ...condition, Condition: changed })));
          else group.append(...ruleBuilder(`Choices.${index}`, condition, operators(), setRule));
          group.append(fieldRow(`Choices.${index}`, jsonata ? 'Rule' : 'Rule (And, Or, Not nest here)', 'json', condition, [], (changed) => {
            if (isRecord(changed)) setRule(changed);
          }));
          group.append(targetRow(`Choices.${index}.Next`, 'Go to', state.targets, next, false, (target) =>
            act({ kind: 'setTarget', edge: { from: path, kind: 'Choice', index }, target }, `Rule ${index + 1} of ${node.name} goes to ${target}`)));
          form.append(group);
        });
        form.append(messagesRow(messagesOf('Choices')), button('Add rule', `Add a rule to ${node.name}`, () => act({ kind: 'addChoiceRule', state: path }, `Added a rule to ${node.name}`)));
        form.append(targetRow('Default', 'Default', state.targets, value.Default, false, (target) => typeof value.Default === 'string'
          ? act({ kind: 'setTarget', edge: { from: path, kind: 'Default' }, target }, `Default of ${node.name} goes to ${target}`)
          : set('Default', target ?? undefined)));
        break;
      }
      case 'Map':
        add(jsonata ? 'Items' : 'ItemsPath', jsonata ? 'Items' : 'Items path', 'text');
        add('MaxConcurrency', 'Max concurrency', 'number');
        add('ToleratedFailurePercentage', 'Tolerated failure (%)', 'number');
        add('ItemReader', 'Item reader', 'json');
        add('ItemBatcher', 'Item batcher', 'json');
        add('ResultWriter', 'Result writer', 'json');
        break;
      case 'Parallel':
        form.append(button('Add branch', `Add a branch to ${node.name}`, () => act({ kind: 'addBranch', state: path }, `Added a branch to ${node.name}`)));
        break;
    }
    add('Assign', 'Assign', 'json');
    if (jsonata && node.type !== 'Fail') add('Output', 'Output', 'json');
    if (node.type !== 'Choice' && node.type !== 'Succeed' && node.type !== 'Fail') {
      const edge: DesignEdge = { from: path, kind: typeof value.Next === 'string' ? 'Next' : 'End' };
      form.append(targetRow('Next', 'Next', state.targets, value.End === true ? null : value.Next, true, (target) => value.Next === undefined && value.End === undefined
        ? set(target === null ? 'End' : 'Next', target ?? true)
        : act({ kind: 'setTarget', edge, target }, target === null ? `${node.name} ends the flow` : `${node.name} goes to ${target}`)));
    }
    if (ERROR_HANDLING.has(node.type ?? '')) {
      add('Retry', 'Retry', 'json');
      form.append(button('Add retrier', `Add a retrier to ${node.name}`, () => act({ kind: 'addRetrier', state: path }, `Added a retrier to ${node.name}`)));
      const catchers = Array.isArray(value.Catch) ? value.Catch : [];
      catchers.forEach((catcher, index) => {
        const group = fieldset(`Catcher ${index + 1}`);
        const errors = isRecord(catcher) ? catcher.ErrorEquals : undefined;
        group.append(fieldRow(`Catch.${index}.ErrorEquals`, 'Errors', 'json', errors, [], (changed) =>
          act({ kind: 'setField', state: path, field: ['Catch', index, 'ErrorEquals'], value: changed }, `Changed the errors of catcher ${index + 1}`)));
        group.append(targetRow(`Catch.${index}.Next`, 'Go to', state.targets, isRecord(catcher) ? catcher.Next : undefined, false, (target) =>
          act({ kind: 'setTarget', edge: { from: path, kind: 'Catch', index }, target }, `Catcher ${index + 1} of ${node.name} goes to ${target}`)));
        form.append(group);
      });
      form.append(messagesRow(messagesOf('Catch')), button('Add catcher', `Add a catcher to ${node.name}`, () => act({ kind: 'addCatcher', state: path }, `Added a catcher to ${node.name}`)));
    }
    const refocused = focusedField ? element.querySelector<HTMLElement>(`[data-field="${CSS.escape(focusedField)}"]`) : null;
    if (typed !== undefined && (refocused instanceof HTMLInputElement || refocused instanceof HTMLTextAreaElement)) refocused.value = typed;
    refocused?.focus();
  };

  return {
    element,
    show(node, state) {
      shown = node && state ? { node, state } : undefined;
      render();
    },
    focus() {
      element.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    },
  };
}

const COMBINATIONS = ['Comparison', 'And', 'Or', 'Not'];

/**
 * A JSONPath Choice rule as a form: its kind (a comparison, or And, Or, Not around it) and the
 * comparison's Variable, operator and value; a rule the form cannot show whole is left to its JSON.
 */
function ruleBuilder(field: string, condition: Value, operators: string[], commit: (rule: Value) => void): HTMLElement[] {
  const combination = COMBINATIONS.find((kind) => kind in condition) ?? 'Comparison';
  const inner = combination === 'Not' && isRecord(condition.Not) ? condition.Not
    : (combination === 'And' || combination === 'Or') && Array.isArray(condition[combination]) && condition[combination].length === 1 && isRecord(condition[combination][0]) ? condition[combination][0]
    : combination === 'Comparison' ? condition : undefined;
  const operator = inner && Object.keys(inner).find((key) => operators.includes(key));
  const wrap = (comparison: Value, kind: string): Value => kind === 'Not' ? { Not: comparison } : kind === 'And' || kind === 'Or' ? { [kind]: [comparison] } : comparison;
  const rows: HTMLElement[] = [selectRow(`${field}.Kind`, 'Kind', COMBINATIONS.map((kind) => ({ label: kind, value: kind })), combination, (kind) => {
    if (kind !== combination && inner) commit(wrap(inner, kind));
  })];
  if (!inner) return rows;
  const comparison = (variable: unknown, op: string, value: unknown) => commit(wrap({ Variable: variable, [op]: value }, combination));
  const current = operator ?? 'StringEquals';
  rows.push(
    fieldRow(`${field}.Variable`, 'Variable', 'text', inner.Variable, [], (variable) => comparison(variable, current, inner[current])),
    selectRow(`${field}.Operator`, 'Operator', operators.map((op) => ({ label: op, value: op })), current, (op) => comparison(inner.Variable, op, operandOf(op, String(inner[current] ?? '')))),
    fieldRow(`${field}.Value`, 'Value', 'text', inner[current], [], (value) => comparison(inner.Variable, current, operandOf(current, String(value ?? '')))),
  );
  return rows;
}

/** A comparison's value as its operator takes it: a path or a string as written, a number, a boolean. */
function operandOf(operator: string, text: string): unknown {
  if (operator.endsWith('Path') || operator.startsWith('String') || operator.startsWith('Timestamp')) return text;
  if (operator.startsWith('Numeric')) return Number.isFinite(Number(text)) && text.trim() !== '' ? Number(text) : 0;
  return text.trim() !== 'false';
}

/** A labelled control; `commit` runs on change (Enter or leaving it), with undefined for an emptied field. */
function fieldRow(field: string, label: string, kind: 'text' | 'number' | 'json', value: unknown, messages: string[], commit: (value: unknown) => void): HTMLElement {
  const row = document.createElement('label');
  row.className = 'field';
  const caption = document.createElement('span');
  caption.className = 'field-label';
  caption.textContent = label;
  const control = kind === 'json' ? document.createElement('textarea') : document.createElement('input');
  control.dataset.field = field;
  if (control instanceof HTMLInputElement) control.type = kind === 'number' ? 'number' : 'text';
  control.defaultValue = value === undefined ? '' : kind === 'json' ? JSON.stringify(value, null, 2) : typeof value === 'string' ? value : JSON.stringify(value);
  control.value = control.defaultValue;
  if (control instanceof HTMLTextAreaElement) control.rows = Math.min(8, Math.max(2, control.value.split('\n').length));
  const problem = document.createElement('span');
  problem.className = 'field-problem';
  problem.setAttribute('role', 'alert');
  // On change, and on leaving a field whose typed text a redraw carried over (no change event then); once per text.
  let committed = control.defaultValue;
  const changed = () => {
    if (control.value === committed) return;
    committed = control.value;
    const text = control.value.trim();
    problem.textContent = '';
    control.removeAttribute('aria-invalid');
    if (text === '') return commit(undefined);
    if (kind === 'number') return commit(Number(text));
    if (kind === 'text') return commit(control.value);
    try {
      commit(JSON.parse(text));
    } catch (error) {
      control.setAttribute('aria-invalid', 'true');
      problem.textContent = `Not JSON: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
  control.addEventListener('change', changed);
  control.addEventListener('blur', changed);
  row.append(caption, control, problem);
  if (messages.length) {
    control.setAttribute('aria-invalid', 'true');
    row.append(diagnosticList(messages));
  }
  return row;
}

function selectRow(field: string, label: string, options: { label: string; value: string }[], current: string, commit: (value: string) => void): HTMLElement {
  const row = document.createElement('label');
  row.className = 'field';
  const caption = document.createElement('span');
  caption.className = 'field-label';
  caption.textContent = label;
  const select = document.createElement('select');
  select.dataset.field = field;
  for (const option of options) select.append(new Option(option.label, option.value, false, option.value === current));
  select.addEventListener('change', () => commit(select.value));
  row.append(caption, select);
  return row;
}

const END = '\u0000end';
const NONE = '\u0000none';

/** A transition's target: a state of the machine, or (`canEnd`) the end of the flow. */
function targetRow(field: string, label: string, targets: string[], current: unknown, canEnd: boolean, commit: (target: string | null) => void): HTMLElement {
  const options = [
    ...(current === undefined || (typeof current === 'string' && !targets.includes(current)) ? [{ label: current === undefined ? '(none)' : `${String(current)} (missing)`, value: NONE }] : []),
    ...targets.map((target) => ({ label: target, value: target })),
    ...(canEnd ? [{ label: '(end of the flow)', value: END }] : []),
  ];
  const selected = current === null ? END : typeof current === 'string' && targets.includes(current) ? current : NONE;
  return selectRow(field, label, options, selected, (value) => {
    if (value !== NONE) commit(value === END ? null : value);
  });
}

function fieldset(legend: string): HTMLFieldSetElement {
  const group = document.createElement('fieldset');
  const caption = document.createElement('legend');
  caption.textContent = legend;
  group.append(caption);
  return group;
}

function messagesRow(messages: string[]): HTMLElement {
  return messages.length ? diagnosticList(messages) : document.createElement('span');
}

function diagnosticList(messages: string[]): HTMLElement {
  const list = document.createElement('ul');
  list.className = 'field-diagnostics';
  for (const message of messages) {
    const item = document.createElement('li');
    item.textContent = message;
    list.append(item);
  }
  return list;
}

function paragraph(className: string, text: string): HTMLElement {
  const result = document.createElement('p');
  result.className = className;
  result.textContent = text;
  return result;
}

function button(label: string, title: string, onClick: () => void): HTMLButtonElement {
  const result = document.createElement('button');
  result.type = 'button';
  result.className = 'tool';
  result.textContent = label;
  result.title = title;
  result.addEventListener('click', onClick);
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

