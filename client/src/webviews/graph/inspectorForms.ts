// The inspector's forms for the fields that hold more than one value: an object as keys and values
// (Parameters, Arguments, Assign, ResultSelector), the error names of a retrier or catcher, the
// Retry and Catch editors and a Map's ItemReader, ItemBatcher and ResultWriter. Each edit is one
// design operation that sets one field, at its path inside the state.
import type { DesignOperation, DesignPath, GraphNode } from '../../../../server/src/protocol';
import { button, type Completer, fieldKey, fieldRow, fieldset, type FieldKind, isRecord, targetRow } from './inspectorControls';

export type InspectorAction = (operation: DesignOperation, announce: string) => void;

/** What a form needs of the state it edits. */
export interface FormContext {
  node: GraphNode;
  jsonata: boolean;
  targets: string[];
  act: InspectorAction;
  /** Sets (undefined: removes) the field at `field` inside the state, announcing `what` was changed. */
  set(field: DesignPath, value: unknown, what?: string, replaces?: string[]): void;
  /** The language server's completion in the text field at `field`. */
  completer(field: DesignPath): Completer;
}

/** A field of the state at `field`: a labelled control of its kind, with completion on text. */
export function field(context: FormContext, at: DesignPath, label: string, kind: FieldKind, value: unknown): HTMLElement {
  const completes = kind === 'text' || kind === 'value';
  return fieldRow(fieldKey(at), label, kind, value, (next) => context.set(at, next, label), completes ? context.completer(at) : undefined);
}

/**
 * An object as rows of a key and its value; in JSONPath a key ending in `.$` takes a path (the
 * "Path" box adds or drops the suffix), in JSONata a value may be an expression in `{% %}`.
 * Renaming a key keeps its place; an emptied key removes the row.
 */
export function keyValueEditor(context: FormContext, at: DesignPath, legend: string, value: unknown, paths: boolean): HTMLElement {
  const group = fieldset(legend, fieldKey(at));
  const object = isRecord(value) ? value : {};
  if (value !== undefined && !isRecord(value)) {
    // An expression or a non-object the form cannot split into rows: edited whole.
    group.append(field(context, at, legend, 'value', value));
    return group;
  }
  for (const [key, entry] of Object.entries(object)) {
    const row = document.createElement('div');
    row.className = 'key-value';
    const isPath = paths && key.endsWith('.$');
    const name = isPath ? key.slice(0, -2) : key;
    const rename = (next: unknown) => {
      const wanted = typeof next === 'string' ? next.trim() : '';
      if (wanted === '') return context.set([...at, key], undefined, `${legend} ${key}`);
      const newKey = isPath ? `${wanted}.$` : wanted;
      if (newKey !== key) context.set([...at, newKey], entry, `${legend} ${newKey}`, [key]);
    };
    row.append(fieldRow(fieldKey([...at, key, '#key']), `Key`, 'text', name, rename));
    row.append(field(context, [...at, key], isPath ? `${name} (path)` : `${name} value`, 'value', entry));
    if (paths) row.append(pathToggle(context, at, key, entry, name, isPath));
    row.append(button('Remove', `Remove ${key} from ${legend}`, () => context.set([...at, key], undefined, `${legend} ${key}`)));
    group.append(row);
  }
  group.append(fieldRow(fieldKey([...at, '#new']), `New key in ${legend}`, 'text', undefined, (next) => {
    const key = typeof next === 'string' ? next.trim() : '';
    if (key !== '' && !(key in object)) context.set([...at, key], key.endsWith('.$') ? '$' : context.jsonata ? '{% %}' : '', `${legend} ${key}`);
  }));
  return group;
}

function pathToggle(context: FormContext, at: DesignPath, key: string, entry: unknown, name: string, isPath: boolean): HTMLElement {
  const label = document.createElement('label');
  label.className = 'toggle';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = isPath;
  box.dataset.field = fieldKey([...at, key, '#path']);
  box.addEventListener('change', () => {
    const newKey = box.checked ? `${name}.$` : name;
    context.set([...at, newKey], entry, `${newKey}`, [key]);
  });
  label.append(box, ' Path (.$)');
  return label;
}

/** The error names of a retrier or catcher: each with a Remove button, and a field adding one (completing States.* and the document's own). */
export function errorNamesEditor(context: FormContext, at: DesignPath, value: unknown): HTMLElement {
  const group = fieldset('Errors', fieldKey(at));
  const names = Array.isArray(value) ? value : [];
  const list = document.createElement('ul');
  list.className = 'error-names';
  names.forEach((name, index) => {
    const item = document.createElement('li');
    item.append(String(name), ' ', button('Remove', `Remove ${String(name)}`, () => context.set([...at, index], undefined, `the error ${String(name)}`)));
    list.append(item);
  });
  group.append(list);
  const adding = [...at, names.length];
  group.append(fieldRow(fieldKey(adding), 'Add an error name', 'text', undefined, (next) => {
    if (typeof next === 'string' && next.trim() !== '' && !names.includes(next.trim())) context.set(Array.isArray(value) ? adding : at, Array.isArray(value) ? next.trim() : [next.trim()], `the errors (added ${next.trim()})`);
  }, context.completer(adding)));
  return group;
}

/**
 * The handlers of a list field (Retry, Catch): a group per handler, its fields and a button removing it
 * (the whole field with its last one), then the button adding one.
 */
function handlerList(context: FormContext, key: 'Retry' | 'Catch', word: string, value: unknown, fieldsOf: (at: DesignPath, fields: Record<string, unknown>, index: number) => HTMLElement[]): HTMLElement[] {
  const handlers = Array.isArray(value) ? value : [];
  const { node, act } = context;
  const groups = handlers.map((handler, index) => {
    const at = [key, index];
    const group = fieldset(`${word} ${index + 1}`, fieldKey(at));
    // The last one goes with its field.
    group.append(...fieldsOf(at, isRecord(handler) ? handler : {}, index), button(`Remove ${word.toLowerCase()}`, `Remove ${word.toLowerCase()} ${index + 1}`, () =>
      context.set(handlers.length > 1 ? at : [key], undefined, `${word.toLowerCase()} ${index + 1}`)));
    return group;
  });
  const operation: DesignOperation = key === 'Retry' ? { kind: 'addRetrier', state: node.path } : { kind: 'addCatcher', state: node.path };
  return [...groups, button(`Add ${word.toLowerCase()}`, `Add a ${word.toLowerCase()} to ${node.name}`, () => act(operation, `Added a ${word.toLowerCase()} to ${node.name}`))];
}

/** Retry: each retrier's errors, interval, attempts, backoff, delay cap and jitter; add and remove retriers. */
export function retryEditor(context: FormContext, value: unknown): HTMLElement[] {
  return handlerList(context, 'Retry', 'Retrier', value, (at, fields) => [
    errorNamesEditor(context, [...at, 'ErrorEquals'], fields.ErrorEquals),
    field(context, [...at, 'IntervalSeconds'], 'Interval (seconds)', 'number', fields.IntervalSeconds),
    field(context, [...at, 'MaxAttempts'], 'Max attempts', 'number', fields.MaxAttempts),
    field(context, [...at, 'BackoffRate'], 'Backoff rate', 'number', fields.BackoffRate),
    field(context, [...at, 'MaxDelaySeconds'], 'Max delay (seconds)', 'number', fields.MaxDelaySeconds),
    field(context, [...at, 'JitterStrategy'], 'Jitter strategy (FULL or NONE)', 'text', fields.JitterStrategy),
  ]);
}

/** Catch: each catcher's errors, where the error goes (ResultPath, or Output in JSONata), its variables and its Next; add and remove catchers. */
export function catchEditor(context: FormContext, value: unknown): HTMLElement[] {
  const { node, act, jsonata } = context;
  return handlerList(context, 'Catch', 'Catcher', value, (at, fields, index) => [
    errorNamesEditor(context, [...at, 'ErrorEquals'], fields.ErrorEquals),
    jsonata ? field(context, [...at, 'Output'], 'Output', 'value', fields.Output) : field(context, [...at, 'ResultPath'], 'Result path', 'text', fields.ResultPath),
    keyValueEditor(context, [...at, 'Assign'], 'Assign', fields.Assign, false),
    targetRow(fieldKey([...at, 'Next']), 'Go to', context.targets, fields.Next, false, (target) =>
      act({ kind: 'setTarget', edge: { from: node.path, kind: 'Catch', index }, target }, `Catcher ${index + 1} of ${node.name} goes to ${target}`)),
  ]);
}

/** The reader's options by its input type (the fields ReaderConfig takes with it). */
const READER_FIELDS: Record<string, string[]> = {
  CSV: ['CSVHeaderLocation', 'CSVHeaders', 'CSVDelimiter'],
  JSON: ['ItemsPointer'],
  MANIFEST: ['ManifestType'],
};

/** A Map's ItemReader, ItemBatcher and ResultWriter, tolerance and concurrency. */
export function mapEditors(context: FormContext, value: Record<string, unknown>): HTMLElement[] {
  const { jsonata } = context;
  const paths = !jsonata;
  const request = jsonata ? 'Arguments' : 'Parameters';
  const reader = isRecord(value.ItemReader) ? value.ItemReader : {};
  const readerConfig = isRecord(reader.ReaderConfig) ? reader.ReaderConfig : {};
  const inputType = typeof readerConfig.InputType === 'string' ? readerConfig.InputType : '';
  const readerGroup = fieldset('Item reader', 'ItemReader');
  readerGroup.append(
    field(context, ['ItemReader', 'Resource'], 'Resource', 'text', reader.Resource),
    keyValueEditor(context, ['ItemReader', request], request, reader[request], paths),
    field(context, ['ItemReader', 'ReaderConfig', 'InputType'], 'Input type', 'text', readerConfig.InputType),
    // With s3:listObjectsV2, LOAD_AND_FLATTEN reads each listed object.
    ...(typeof reader.Resource === 'string' && reader.Resource.endsWith(':s3:listObjectsV2') ? [field(context, ['ItemReader', 'ReaderConfig', 'Transformation'], 'Transformation', 'text', readerConfig.Transformation)] : []),
    ...(READER_FIELDS[inputType] ?? []).map((name) => field(context, ['ItemReader', 'ReaderConfig', name], name, name === 'CSVHeaders' ? 'json' : 'text', readerConfig[name])),
    field(context, ['ItemReader', 'ReaderConfig', 'MaxItems'], 'Max items', 'number', readerConfig.MaxItems),
    ...(paths ? [field(context, ['ItemReader', 'ReaderConfig', 'MaxItemsPath'], 'Max items path', 'text', readerConfig.MaxItemsPath)] : []),
  );
  const batcher = isRecord(value.ItemBatcher) ? value.ItemBatcher : {};
  const batcherGroup = fieldset('Item batcher', 'ItemBatcher');
  batcherGroup.append(
    field(context, ['ItemBatcher', 'MaxItemsPerBatch'], 'Max items per batch', 'number', batcher.MaxItemsPerBatch),
    field(context, ['ItemBatcher', 'MaxInputBytesPerBatch'], 'Max input bytes per batch', 'number', batcher.MaxInputBytesPerBatch),
    field(context, ['ItemBatcher', 'BatchInput'], 'Batch input', 'json', batcher.BatchInput),
  );
  const writer = isRecord(value.ResultWriter) ? value.ResultWriter : {};
  const writerConfig = isRecord(writer.WriterConfig) ? writer.WriterConfig : {};
  const writerGroup = fieldset('Result writer', 'ResultWriter');
  writerGroup.append(
    field(context, ['ResultWriter', 'Resource'], 'Resource', 'text', writer.Resource),
    keyValueEditor(context, ['ResultWriter', request], request, writer[request], paths),
    field(context, ['ResultWriter', 'WriterConfig', 'Transformation'], 'Transformation', 'text', writerConfig.Transformation),
    field(context, ['ResultWriter', 'WriterConfig', 'OutputType'], 'Output type', 'text', writerConfig.OutputType),
  );
  const numbers = ['MaxConcurrency', 'ToleratedFailurePercentage', 'ToleratedFailureCount'];
  return [
    ...numbers.flatMap((name) => [
      field(context, [name], LABELS[name], jsonata ? 'value' : 'number', value[name]),
      ...(paths ? [field(context, [`${name}Path`], `${LABELS[name]} path`, 'text', value[`${name}Path`])] : []),
    ]),
    readerGroup, batcherGroup, writerGroup,
  ];
}

const LABELS: Record<string, string> = {
  MaxConcurrency: 'Max concurrency',
  ToleratedFailurePercentage: 'Tolerated failure (%)',
  ToleratedFailureCount: 'Tolerated failure (count)',
};
