// The start form (browser side): name, input JSON, mocks, time mode, state machine type, like the console's
// "Start execution" dialog. The form's fields survive hiding and reloading (webview state).
import './style.css';
import { h, replace } from '../dom';
import type { MockSelection, RunPlan, RunPlanParams, RunProblem, RunTarget, TimeMode } from '../../../../server/src/protocol';
import { jsonProblem, parseExecutionInput } from '../../../../server/src/core/apiLimits';
import { executionNameFormProblem, runTargetOf, type FromStartForm, type StartFormState, type StartRequest, type TargetChoice, type ToStartForm } from './messages';
import { pageChannel } from '../pageChannel';

const vscode = pageChannel<ToStartForm, FromStartForm, StartFormState>();
const post = vscode.post;

let form: StartFormState | undefined = vscode.getState();

const nameInput = h('input', { id: 'name', type: 'text', spellcheck: 'false', 'aria-describedby': 'name-problem', maxlength: 200 });
const nameProblem = h('div', { id: 'name-problem', class: 'problem', role: 'alert' });
const inputArea = h('textarea', { id: 'input', spellcheck: 'false', rows: 14, 'aria-describedby': 'input-problem', 'aria-label': 'Input JSON' });
const inputProblem = h('div', { id: 'input-problem', class: 'problem', role: 'alert' });
const inputSource = h('span', { class: 'hint', id: 'input-source' });
const definitionErrors = h('section', { id: 'definition-errors', class: 'banner error', hidden: true });
const mockSection = h('section', { id: 'mocks' });
const unservedSection = h('section', { id: 'unserved', class: 'banner warning', hidden: true });
const callAwsBox = h('input', { type: 'checkbox', id: 'call-aws', 'aria-describedby': 'aws-calls' });
const awsCallsList = h('div', { id: 'aws-calls' });
const callAwsSection = h('fieldset', { id: 'call-aws-section', hidden: true },
  h('legend', {}, 'AWS'),
  h('label', { class: 'choice' }, callAwsBox, 'Call AWS for Tasks no mock serves'),
  awsCallsList);
const startErrors = h('section', { id: 'start-errors', class: 'banner error', hidden: true });
const clockVirtual = h('input', { type: 'radio', name: 'clock', id: 'clock-virtual', value: 'virtual' });
const clockReal = h('input', { type: 'radio', name: 'clock', id: 'clock-real', value: 'real' });
// The state machine type: EXPRESS brings its rules (the plan is asked again) and runs as StartSyncExecution.
const typeStandard = h('input', { type: 'radio', name: 'machine-type', id: 'type-standard', value: 'STANDARD' });
const typeExpress = h('input', { type: 'radio', name: 'machine-type', id: 'type-express', value: 'EXPRESS' });
const startButton = h('button', { id: 'start-execution', class: 'primary', onclick: start }, 'Start execution');
const debugButton = h('button', { id: 'debug-execution', onclick: debug, title: 'Start it in the debugger, stopped at its first state' }, 'Debug');
const title = h('h1', {}, 'Start execution');
const targetRadios = {
  local: h('input', { type: 'radio', name: 'target', id: 'target-local', value: 'local' }),
  localEndpoint: h('input', { type: 'radio', name: 'target', id: 'target-localEndpoint', value: 'localEndpoint' }),
  aws: h('input', { type: 'radio', name: 'target', id: 'target-aws', value: 'aws' }),
  custom: h('input', { type: 'radio', name: 'target', id: 'target-custom', value: 'custom' }),
};
const localEndpointHint = h('span', { class: 'hint', id: 'local-endpoint-url' });
const profileInput = h('input', { id: 'aws-profile', type: 'text', spellcheck: 'false', placeholder: 'default', 'aria-label': 'AWS profile' });
const regionInput = h('input', { id: 'aws-region', type: 'text', spellcheck: 'false', placeholder: "the profile's", 'aria-label': 'AWS region' });
const awsFields = h('div', { id: 'aws-fields', class: 'row indent' }, h('label', { for: 'aws-profile' }, 'Profile'), profileInput, h('label', { for: 'aws-region' }, 'Region'), regionInput);
const identityLine = h('div', { id: 'aws-identity', class: 'hint indent', role: 'status' });
const customUrlInput = h('input', { id: 'custom-url', type: 'text', spellcheck: 'false', placeholder: 'http://localhost:4566', 'aria-label': 'Endpoint URL' });
const customFields = h('div', { id: 'custom-fields', class: 'row indent' }, customUrlInput);
const targetProblem = h('div', { id: 'target-problem', class: 'problem', role: 'alert' });
const localOnly = h('div', { id: 'local-only', class: 'column' });

document.body.append(h('main', {},
  title,
  definitionErrors,
  h('fieldset', { id: 'target' },
    h('legend', {}, 'Run on'),
    h('label', { class: 'choice' }, targetRadios.local, 'Local (the embedded interpreter, with mocks and handlers)'),
    h('label', { class: 'choice' }, targetRadios.localEndpoint, 'Local endpoint', localEndpointHint),
    h('label', { class: 'choice' }, targetRadios.aws, 'AWS (the state machine published under the file\'s name; credentials from the AWS SDK\'s default chain)'),
    awsFields,
    identityLine,
    h('label', { class: 'choice' }, targetRadios.custom, 'Custom endpoint (a Step Functions-compatible URL, e.g. LocalStack)'),
    customFields,
    targetProblem),
  h('label', { for: 'name' }, 'Name'),
  nameInput,
  nameProblem,
  h('div', { class: 'row' },
    h('label', { for: 'input' }, 'Input'),
    inputSource,
    h('span', { class: 'spacer' }),
    h('button', { id: 'format', onclick: format, title: 'Format the input JSON' }, 'Format JSON'),
    h('button', { id: 'import', onclick: () => post({ type: 'import' }) }, 'Import from file…')),
  inputArea,
  inputProblem,
  localOnly,
  h('fieldset', {},
    h('legend', {}, 'Type'),
    h('label', { class: 'choice' }, typeStandard, 'Standard'),
    h('label', { class: 'choice' }, typeExpress, 'Express (as StartSyncExecution: at most five minutes; no .sync, .waitForTaskToken or activities)')),
  startErrors,
  h('div', { class: 'actions' }, startButton, debugButton, h('button', { onclick: () => post({ type: 'cancel' }) }, 'Cancel')),
));

// What only the embedded interpreter has: a remote target runs with its own services and clock.
localOnly.append(mockSection, unservedSection, callAwsSection, h('fieldset', {},
  h('legend', {}, 'Time'),
  h('label', { class: 'choice' }, clockVirtual, 'Fast-forward waits (virtual clock: timestamps advance as if time passed)'),
  h('label', { class: 'choice' }, clockReal, 'Real time')));

for (const [kind, radio] of Object.entries(targetRadios)) radio.addEventListener('change', () => chooseTarget({ kind: kind as TargetChoice['kind'] }));
let targetTimer: ReturnType<typeof setTimeout> | undefined;
for (const [field, input] of [['profile', profileInput], ['region', regionInput], ['url', customUrlInput]] as const) {
  input.addEventListener('input', () => {
    if (!form) return;
    update({ target: { ...form.target, [field]: input.value }, identity: undefined });
    renderTarget();
    // Told once typing pauses: each change asks STS who the credentials are.
    clearTimeout(targetTimer);
    targetTimer = setTimeout(() => form && post({ type: 'target', target: form.target }), 500);
  });
}
nameInput.addEventListener('input', () => update({ name: nameInput.value }));
inputArea.addEventListener('input', () => update({ input: inputArea.value }));
for (const radio of [clockVirtual, clockReal]) radio.addEventListener('change', () => update({ clock: radio.value as TimeMode }));
for (const radio of [typeStandard, typeExpress]) {
  radio.addEventListener('change', () => {
    const machineType = radio.value as RunPlanParams['type'];
    update({ type: machineType });
    post({ type: 'selectType', machineType });
  });
}
callAwsBox.addEventListener('change', () => {
  update({ callAws: callAwsBox.checked });
  render();
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) start();
});

vscode.listen((message) => {
  switch (message.type) {
    case 'init':
      // A restored form keeps what was typed; the host's plan is newer.
      form = form ? { ...form, plan: message.form.plan, mockFile: message.form.mockFile, mockProblem: message.form.mockProblem, localEndpoint: message.form.localEndpoint } : message.form;
      // The host planned for its type; a restored form's choice wins.
      if (form.type !== message.form.type) post({ type: 'selectType', machineType: form.type });
      // Who the AWS credentials are is asked anew: they may have changed since.
      if (form.target.kind === 'aws') post({ type: 'target', target: form.target });
      form = { ...form, identity: undefined };
      break;
    case 'plan':
      if (form) form = { ...form, plan: message.plan, mockFile: message.mockFile, mockProblem: message.mockProblem, mock: message.mock };
      break;
    case 'imported':
      if (form) form = { ...form, input: message.text, inputSource: message.source };
      break;
    case 'startFailed':
      showProblems(startErrors, 'The execution did not start', message.errors);
      startButton.disabled = false;
      return;
    case 'localEndpoint':
      if (form) form = { ...form, localEndpoint: message.url };
      break;
    case 'identity':
      // An answer about a choice since changed is stale.
      if (form && JSON.stringify(message.for) === JSON.stringify(form.target)) form = { ...form, identity: message.identity };
      break;
  }
  render();
});

function update(change: Partial<StartFormState>): void {
  if (!form) return;
  form = { ...form, ...change };
  vscode.setState(form);
  renderChecks();
}

function render(): void {
  if (!form) return;
  vscode.setState(form);
  title.textContent = `Start execution: ${form.fileName}`;
  if (nameInput.value !== form.name) nameInput.value = form.name;
  if (inputArea.value !== form.input) inputArea.value = form.input;
  inputSource.textContent = form.inputSource;
  (form.clock === 'real' ? clockReal : clockVirtual).checked = true;
  (form.type === 'EXPRESS' ? typeExpress : typeStandard).checked = true;
  renderMocks(form.plan, form.mockFile, form.mockProblem, form.mock);
  renderUnserved(form.plan, form.callAws);
  renderAwsCalls(form.plan, form.callAws);
  showProblems(definitionErrors, 'The definition has errors; fix them to run it', form.plan.errors);
  renderTarget();
}

function chooseTarget(choice: TargetChoice): void {
  if (!form) return;
  // The fields of the other kinds are kept, for a change of mind.
  update({ target: { ...form.target, kind: choice.kind }, identity: undefined });
  renderTarget();
  post({ type: 'target', target: form.target });
}

function renderTarget(): void {
  if (!form) return;
  const { target, localEndpoint, identity } = form;
  targetRadios[target.kind].checked = true;
  targetRadios.localEndpoint.disabled = !localEndpoint && target.kind !== 'localEndpoint';
  localEndpointHint.textContent = localEndpoint ? ` ${localEndpoint}` : ' (not running: ASL: Start Local Endpoint)';
  if (profileInput.value !== (target.profile ?? '')) profileInput.value = target.profile ?? '';
  if (regionInput.value !== (target.region ?? '')) regionInput.value = target.region ?? '';
  if (customUrlInput.value !== (target.url ?? '')) customUrlInput.value = target.url ?? '';
  awsFields.hidden = target.kind !== 'aws';
  identityLine.hidden = target.kind !== 'aws';
  customFields.hidden = target.kind !== 'custom';
  identityLine.classList.toggle('problem', !!identity && 'failure' in identity);
  identityLine.textContent = !identity ? 'Checking the credentials…'
    : 'failure' in identity ? `${identity.failure.code}: ${identity.failure.message}`
    : `Account ${identity.account}${identity.region ? ` · ${identity.region}` : ''}${identity.arn ? ` · ${identity.arn}` : ''}`;
  localOnly.hidden = target.kind !== 'local';
  debugButton.hidden = target.kind !== 'local';
  startButton.textContent = target.kind === 'local' ? 'Start execution' : target.kind === 'aws' ? 'Start on AWS' : 'Start on the endpoint';
  renderChecks();
}

function renderChecks(): void {
  if (!form) return;
  const name = executionNameFormProblem(form.name);
  const parsed = parseExecutionInput(form.input);
  const input = 'error' in parsed ? `${parsed.error}: ${parsed.message}` : undefined;
  const target = runTargetOf(form.target, form.localEndpoint);
  nameProblem.textContent = name ?? '';
  inputProblem.textContent = input ?? '';
  targetProblem.textContent = 'problem' in target ? target.problem : '';
  nameInput.setAttribute('aria-invalid', String(!!name));
  inputArea.setAttribute('aria-invalid', String(!!input));
  startButton.disabled = !!name || !!input || form.plan.errors.length > 0 || 'problem' in target;
  // The step debugger serves Tasks from mocks and handlers only: a hybrid run starts with Start.
  debugButton.disabled = startButton.disabled || form.callAws === true;
  debugButton.title = form.callAws ? 'The debugger does not call AWS: uncheck "Call AWS" to debug with mocks and handlers' : 'Start it in the debugger, stopped at its first state';
}

function renderMocks(plan: RunPlan, mockFile: string | undefined, mockProblem: string | undefined, selected: MockSelection | undefined): void {
  if (!plan.mockConfig) {
    replace(mockSection, mockProblem && h('div', { id: 'mock-problem', class: 'hint' }, mockProblem));
    return;
  }
  const select = h('select', { id: 'test-case', 'aria-label': 'Test case' },
    h('option', { value: '' }, 'No mocks'));
  // Step Functions Local runs a test case of the state machine of its name only.
  for (const machine of plan.mockConfig.stateMachines.filter((candidate) => candidate.name === plan.stateMachineName)) {
    const group = h('optgroup', { label: machine.name });
    for (const testCase of machine.testCases) {
      const value = JSON.stringify({ stateMachine: machine.name, testCase });
      group.append(h('option', { value, selected: selected?.stateMachine === machine.name && selected.testCase === testCase }, testCase));
    }
    select.append(group);
  }
  select.addEventListener('change', () => {
    const mock = select.value ? JSON.parse(select.value) as MockSelection : undefined;
    update({ mock });
    post({ type: 'selectMock', mock });
  });
  replace(mockSection,
    h('label', { for: 'test-case' }, 'Test case'),
    h('div', { class: 'row' }, select, h('span', { class: 'hint' }, `from ${mockFile ?? 'the MockConfigFile'}`)),
    plan.mockConfig.error && h('div', { class: 'problem' }, plan.mockConfig.error));
}

function renderUnserved(plan: RunPlan, callAws: boolean): void {
  // In a hybrid run, only the Tasks it cannot call on AWS stay unserved.
  const called = new Set(callAws ? plan.awsCalls.filter((planned) => planned.call).map((planned) => planned.state) : []);
  const unserved = plan.unservedTasks.filter((task) => !called.has(task.state));
  unservedSection.hidden = unserved.length === 0;
  replace(unservedSection,
    h('strong', {}, unserved.length === 1
      ? 'A Task state has no mock and no local handler: the run fails when it reaches it.'
      : `${unserved.length} Task states have no mock and no local handler: the run fails when it reaches one of them.`),
    h('ul', {}, ...unserved.map((task) => h('li', {},
      h('span', { class: 'state' }, task.state), ' ', h('code', {}, task.resource), ' ',
      h('button', { class: 'link', title: `Add a mock entry for "${task.state}" to the MockConfigFile`, onclick: () => post({ type: 'addMock', state: task.state, mock: form?.mock }) }, 'Add mock')))));
}

/** The hybrid run's plan: each state nothing local serves, and what it will call on AWS or why it cannot. */
function renderAwsCalls(plan: RunPlan, callAws: boolean): void {
  callAwsSection.hidden = plan.awsCalls.length === 0;
  callAwsBox.checked = callAws;
  replace(awsCallsList, callAws && plan.awsCalls.length > 0 && h('div', {},
    h('div', { class: 'hint' }, 'These states call AWS with the credentials of the AWS SDK\'s default chain:'),
    h('ul', {}, ...plan.awsCalls.map((planned) => h('li', { class: planned.call ? 'aws-call' : 'aws-call unsupported' },
      h('span', { class: 'state' }, planned.state), ' ',
      planned.call ? h('span', {}, planned.call) : h('span', { class: 'hint' }, `not called: ${planned.unsupported}`), ' ',
      h('code', {}, planned.resource))))));
}

function showProblems(section: HTMLElement, heading: string, problems: RunProblem[]): void {
  section.hidden = problems.length === 0;
  replace(section, h('strong', {}, heading), h('ul', {}, ...problems.map((problem) => h('li', {},
    problem.range
      ? h('button', { class: 'link', onclick: () => post({ type: 'reveal', problem }) }, `Line ${problem.range.start.line + 1}, column ${problem.range.start.character + 1}`)
      : undefined,
    problem.range ? ': ' : '', problem.message))));
}

function format(): void {
  if (!form || jsonProblem(form.input)) {
    inputArea.focus();
    return;
  }
  update({ input: JSON.stringify(JSON.parse(form.input), null, 2) });
  inputArea.value = form.input;
}

/** The same start in the debugger (the name is the debug session's). */
function debug(): void {
  if (!form || debugButton.disabled) return;
  post({ type: 'debug', request: request(form, { kind: 'local' }) });
}

function start(): void {
  if (!form || startButton.disabled) return;
  const target = runTargetOf(form.target, form.localEndpoint);
  if ('problem' in target) return;
  startButton.disabled = true;
  startErrors.hidden = true;
  post({ type: 'start', request: request(form, target.target) });
}

function request(shown: StartFormState, target: RunTarget): StartRequest {
  // Mocks, handlers and calls to AWS serve a local run: a remote target runs with its own services.
  const hybrid = target.kind === 'local' && shown.callAws;
  return { name: shown.name, input: shown.input, mock: shown.mock, clock: shown.clock, target, ...(shown.type && { type: shown.type }), ...(hybrid ? { callAws: true } : {}) };
}
