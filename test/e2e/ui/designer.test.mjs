// The graph as a designer in the real workbench: a Pass dragged onto an edge, its fields filled in
// the inspector, an edge redrawn, all in the text and undone by the editor's Ctrl+Z; a state inserted
// into a SAM template's machine; and the console's Hello World built from an empty file in the designer alone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PROJECT_ROOT } from '../lib/codeServer.mjs';
import { workbench } from '../lib/uiSession.mjs';
import { openFile, runCommand, screenshot } from '../lib/workbench.mjs';

const ORDER = `{
  "StartAt": "Charge",
  "States": {
    "Charge": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": {
        "FunctionName": "charge"
      },
      "End": true
    }
  }
}
`;

const GREETING = `{
  "StartAt": "Greet",
  "States": {
    "Greet": {
      "Type": "Pass",
      "Next": "Wave"
    },
    "Wave": {
      "Type": "Wait",
      "Seconds": 2,
      "End": true
    }
  }
}
`;

const SAM_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Greeter:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionSubstitutions:
        GreetingTopic: arn:aws:sns:us-east-1:123456789012:greetings
      Definition:
        StartAt: Greet
        States:
          Greet:
            Type: Task
            Resource: arn:aws:states:::sns:publish
            Parameters:
              TopicArn: \${GreetingTopic}
              Message: Hello
            Next: Wave
          Wave:
            Type: Wait
            Seconds: 2
            End: true
`;

/** The frame of the designer (webviews nest two iframes deep); `name`: a state it must draw. */
async function designerFrame(page, name, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      const found = await frame.locator(name ? '.asl-graph text.name' : '.palette-entry', name ? { hasText: name } : {}).count().catch(() => 0);
      if (found > 0) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no designer draws "${name}"`);
    await page.waitForTimeout(250);
  }
}

const { helloWorldTemplate } = createRequire(import.meta.url)(path.join(PROJECT_ROOT, 'out/server/src/core/templates.js'));

const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (text) => new RegExp(`^${escaped(text)}$`);
/** The inspector's heading once it shows the state `name`. */
const heading = (frame, name) => frame.locator('.inspector h2', { hasText: new RegExp(`: ${escaped(name)}$`) });
const node = (frame, name) => frame.locator('.asl-graph [data-id]', { has: frame.locator('text.name', { hasText: exactly(name) }) });

/** The text of the editor showing `marker` (every line is in view in these small documents). */
async function editorText(page, marker) {
  const lines = page.locator('.editor-instance .monaco-editor', { hasText: marker }).first().locator('.view-line');
  // The editor places its line elements by their style, in no particular order in the DOM.
  const text = await lines.evaluateAll((elements) => elements.map((line) => [parseFloat(line.style.top), line.textContent])
    .sort(([a], [b]) => a - b).map(([, content]) => content).join('\n'));
  return text.replace(/\u00a0/g, ' ');
}

async function waitForText(page, marker, test, what) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const text = await editorText(page, marker).catch(() => '');
    if (test(text)) return text;
    if (Date.now() > deadline) assert.fail(`${what}; the editor shows:\n${text}`);
    await page.waitForTimeout(200);
  }
}

/** A point on the edge between two states, relative to the drawing (the drop target). */
function edgePoint(frame, source, target) {
  return frame.evaluate(([from, to]) => {
    const line = document.querySelector(`.edge[data-source='${JSON.stringify(from)}'][data-target='${JSON.stringify(to)}'] .edge-line`);
    const { x, y } = line.getPointAtLength(line.getTotalLength() / 2).matrixTransform(line.getScreenCTM());
    const svg = document.querySelector('.asl-graph').getBoundingClientRect();
    return { x: x - svg.left, y: y - svg.top };
  }, [source, target]);
}

/** Opens the graph of `file` (its editor showing `marker`) and drops a Pass on the edge from Greet to Wave; returns the designer's frame. */
async function dropPassBetweenGreetAndWave(page, file, marker) {
  await openFile(page, file, marker);
  await runCommand(page, 'ASL: Preview Graph');
  const frame = await designerFrame(page, 'Wave');
  await frame.locator('.palette-entry[data-entry="Pass"]').dragTo(frame.locator('.asl-graph'), { targetPosition: await edgePoint(frame, ['States', 'Greet'], ['States', 'Wave']) });
  await node(frame, 'Pass').waitFor();
  return frame;
}

/** Fills an inspector field and leaves it: one design operation. */
async function setField(frame, field, value) {
  const control = frame.locator(`.inspector [data-field="${field}"]`);
  await control.fill(value);
  await control.press('Tab');
}

/** Inserts the first palette entry matching `search` where the selection is, and waits for `name` to be drawn and selected. */
async function insert(frame, search, name) {
  await frame.locator('.palette-search').fill(search);
  await frame.locator('.palette-search').press('Enter');
  await node(frame, name).waitFor({ timeout: 30_000 }).catch(async (error) => {
    await screenshot(frame.page(), `designer-failed-insert-${search}`);
    error.message += `; the designer announced "${await frame.locator('[aria-live]').textContent()}"`;
    throw error;
  });
  await heading(frame, name).waitFor({ timeout: 30_000 }).catch(async (error) => {
    await screenshot(frame.page(), `designer-failed-select-${search}`);
    error.message += `; the inspector shows "${await frame.locator('.inspector h2').textContent().catch(() => '')}", the designer announced "${await frame.locator('[aria-live]').textContent()}"`;
    throw error;
  });
}

/** Selects a state as the keyboard does (Tab to it): the graph brings it into view. */
async function select(frame, name) {
  await node(frame, name).focus();
  await heading(frame, name).waitFor({ timeout: 30_000 });
}

async function rename(frame, from, to) {
  await heading(frame, from).waitFor({ timeout: 30_000 });
  await setField(frame, 'Name', to);
  await heading(frame, to).waitFor({ timeout: 30_000 });
}

describe('Visual designer', () => {
  let page;
  let folder;
  before(async () => {
    ({ page, folder } = await workbench());
    fs.writeFileSync(path.join(folder, 'designer.asl.json'), GREETING);
    fs.writeFileSync(path.join(folder, 'designed.asl.json'), '');
    fs.writeFileSync(path.join(folder, 'designer.template.yaml'), SAM_TEMPLATE);
    fs.writeFileSync(path.join(folder, 'charge.asl.json'), ORDER);
    // Room for the palette, the graph and the inspector beside the text.
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
  });
  after(async () => {
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await runCommand(page, 'View: Close All Editors');
  });

  test('drops a Pass on an edge, fills it in the inspector, redraws an edge, and Ctrl+Z undoes each step', async () => {
    const frame = await dropPassBetweenGreetAndWave(page, 'designer.asl.json', '"Greet"');
    let text = await waitForText(page, '"Greet"', (shown) => shown.includes('"Next": "Pass"'), 'Greet goes to the new Pass');
    assert.match(text, /"Pass": \{\s+"Type": "Pass",\s+"Next": "Wave"\s+\}/);

    await heading(frame, 'Pass').waitFor();
    await setField(frame, 'Comment', 'Added in the designer');
    await waitForText(page, '"Greet"', (shown) => shown.includes('"Comment": "Added in the designer"'), 'the Comment is written');
    await screenshot(page, 'designer-pass-on-edge');

    // Drag the edge Greet -> Pass onto Wave: Greet's Next is Wave again.
    // The graph redraws after each edit (and once more with its diagnostics): its boxes once it is still.
    await frame.locator('.node.selected', { hasText: 'Pass' }).waitFor();
    await page.waitForTimeout(1000);
    const from = await edgePoint(frame, ['States', 'Greet'], ['States', 'Pass']);
    const svg = await frame.locator('.asl-graph').boundingBox();
    const wave = await node(frame, 'Wave').boundingBox();
    await page.mouse.move(svg.x + from.x, svg.y + from.y);
    await page.mouse.down();
    await page.mouse.move(wave.x + wave.width / 2, wave.y + wave.height / 2, { steps: 8 });
    await page.mouse.up();
    await screenshot(page, 'designer-edge-dragged');
    await waitForText(page, '"Greet"', (shown) => /"Greet": \{\s+"Type": "Pass",\s+"Next": "Wave"/.test(shown), 'Greet goes to Wave');
    await frame.locator('.node.unreachable text.name', { hasText: 'Pass' }).waitFor();
    await screenshot(page, 'designer-edge-redrawn');

    // The editor's undo takes back each design step, one edit each.
    await page.locator('.editor-instance .monaco-editor', { hasText: '"Greet"' }).first().locator('.view-lines').click();
    await page.keyboard.press('Control+Z');
    await waitForText(page, '"Greet"', (shown) => shown.includes('"Next": "Pass"') && shown.includes('Added in the designer'), 'the edge is back on Pass');
    // Each step once the graph has followed the one before (its redraw moves the editor's highlight).
    await frame.locator(`.edge[data-source='${JSON.stringify(['States', 'Greet'])}'][data-target='${JSON.stringify(['States', 'Pass'])}']`).waitFor({ state: 'attached' });
    await page.keyboard.press('Control+Z');
    await waitForText(page, '"Greet"', (shown) => !shown.includes('Added in the designer'), 'the Comment is gone');
    await page.keyboard.press('Control+Z');
    // The editor's lines are read as drawn: the whole undone text, not a moment of its redraw.
    text = await waitForText(page, '"Greet"', (shown) => shown.trim() === GREETING.trim(), 'the Pass is gone and Greet goes to Wave, as written');
    assert.equal(text.trim(), GREETING.trim());
    await node(frame, 'Pass').waitFor({ state: 'detached' });
    await screenshot(page, 'designer-undone');
  });

  test('inserts a Pass into a SAM template\'s machine: the template gets it in its own YAML, the rest of it unchanged', async () => {
    await runCommand(page, 'View: Close All Editors');
    const frame = await dropPassBetweenGreetAndWave(page, 'designer.template.yaml', 'Greeter');
    const text = await waitForText(page, 'Greeter', (shown) => shown.includes('Next: Pass'), 'Greet goes to the new Pass in the template');
    await screenshot(page, 'designer-sam-template');
    const designed = SAM_TEMPLATE.replace('            Next: Wave\n', '            Next: Pass\n          Pass:\n            Type: Pass\n            Next: Wave\n');
    assert.equal(text.trim(), designed.trim());
    await frame.locator(`.edge[data-source='${JSON.stringify(['States', 'Pass'])}'][data-target='${JSON.stringify(['States', 'Wave'])}']`).waitFor({ state: 'attached' });
  });

  test("edits a Task's argument and a retrier in the inspector's forms, an error name taken from the language server's completion", async () => {
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'charge.asl.json', '"Charge"');
    await runCommand(page, 'ASL: Preview Graph');
    const frame = await designerFrame(page, 'Charge');
    await select(frame, 'Charge');
    await setField(frame, 'Parameters.FunctionName', 'arn:aws:lambda:us-east-1:123456789012:function:charge');
    await waitForText(page, '"Charge"', (shown) => shown.includes('"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:charge"'), 'the argument is written');
    await frame.locator('.inspector [data-field="Parameters.#new"]').waitFor();
    await setField(frame, 'Parameters.#new', 'Payload.$');
    await waitForText(page, '"Charge"', (shown) => shown.includes('"Payload.$": "$"'), 'the new path argument is written');
    await frame.locator('.inspector button', { hasText: 'Add retrier' }).click();
    await frame.locator('.inspector [data-field="Retry.0.MaxAttempts"]').waitFor();
    await setField(frame, 'Retry.0.MaxAttempts', '5');
    await waitForText(page, '"Charge"', (shown) => /"MaxAttempts": 5/.test(shown), 'MaxAttempts is written');
    await frame.locator('.inspector button[aria-label="Remove States.ALL"]').click();
    await waitForText(page, '"Charge"', (shown) => /"ErrorEquals": \[\s*\]/.test(shown), 'States.ALL is removed');
    // The language server's diagnostic about the empty list, at the retrier's errors: the form is drawn for that text.
    await frame.locator('.inspector fieldset[data-field="Retry.0.ErrorEquals"] .field-diagnostics').waitFor();
    // The error name from the completion list: typed, walked by the keyboard, taken with Enter.
    const errors = frame.locator('.inspector [data-field="Retry.0.ErrorEquals.0"]');
    await errors.click();
    await errors.pressSequentially('States.Time');
    await frame.locator('.inspector [data-field="Retry.0.ErrorEquals.0"][aria-expanded="true"]').waitFor().catch(async (error) => {
      await screenshot(page, 'designer-inspector-failed-completion');
      throw error;
    });
    await frame.locator('.inspector .completion-list [role="option"]', { hasText: 'States.Timeout' }).waitFor();
    await screenshot(page, 'designer-inspector-completion');
    await errors.press('Enter');
    assert.equal(await errors.inputValue(), 'States.Timeout');
    await errors.press('Tab');
    const text = await waitForText(page, '"Charge"', (shown) => shown.includes('"States.Timeout"'), 'the error name is written');
    const written = JSON.parse(text);
    assert.deepEqual(written.States.Charge.Parameters, { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:charge', 'Payload.$': '$' });
    assert.equal(written.States.Charge.Retry.length, 1);
    assert.equal(written.States.Charge.Retry[0].MaxAttempts, 5);
    assert.deepEqual(written.States.Charge.Retry[0].ErrorEquals, ['States.Timeout']);
    // The form follows the text: the name listed, the diagnostic about the empty list gone.
    await frame.locator('.inspector fieldset[data-field="Retry.0.ErrorEquals"] .error-names li', { hasText: 'States.Timeout' }).waitFor();
    await frame.locator('.inspector fieldset[data-field="Retry.0.ErrorEquals"] .field-diagnostics').waitFor({ state: 'detached' });
    await screenshot(page, 'designer-inspector-retry');
  });

  test("builds the console's Hello World from an empty file in the designer alone", async () => {
    const file = path.join(folder, 'designed.asl.json');
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'designed.asl.json', '');
    await runCommand(page, 'ASL: Preview Graph');
    const frame = await designerFrame(page);
    await insert(frame, 'pass', 'Pass');
    await setField(frame, 'Result', '{ "IsHelloWorldExample": true }');
    await insert(frame, 'pass', 'Pass (1)');
    await rename(frame, 'Pass (1)', 'Yes');
    await insert(frame, 'wait', 'Wait');
    await rename(frame, 'Wait', 'Wait 3 sec');
    await setField(frame, 'Seconds', '3');
    await insert(frame, 'parallel', 'Parallel');
    await rename(frame, 'Parallel', 'Parallel State');
    await insert(frame, 'pass', 'Pass (1)');
    await rename(frame, 'Pass (1)', 'Hello World');
    await select(frame, 'Branch 1');
    await rename(frame, 'Branch 1', 'Hello');
    await select(frame, 'Branch 2');
    await rename(frame, 'Branch 2', 'World');
    await select(frame, 'Pass');
    await insert(frame, 'choice', 'Choice');
    await rename(frame, 'Choice', 'Hello World example?');
    await setField(frame, 'Choices.0', '{ "Variable": "$.IsHelloWorldExample", "BooleanEquals": true }');
    await insert(frame, 'fail', 'Fail');
    await rename(frame, 'Fail', 'No');
    await setField(frame, 'Error', '');
    await setField(frame, 'Cause', 'Not Hello World');
    await select(frame, 'Hello World example?');
    await frame.locator('.inspector button', { hasText: 'Add rule' }).click();
    await frame.locator('.inspector [data-field="Choices.1"]').waitFor();
    await setField(frame, 'Choices.1', '{ "Variable": "$.IsHelloWorldExample", "BooleanEquals": false }');
    await frame.locator('.inspector [data-field="Choices.1.Next"]').selectOption('No');
    await frame.locator('.asl-graph .edge.choice[data-target=\'["States","No"]\']').waitFor();
    await screenshot(page, 'designer-hello-world');

    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+S');
    const deadline = Date.now() + 30_000;
    let built;
    while (Date.now() < deadline) {
      try {
        built = JSON.parse(fs.readFileSync(file, 'utf8'));
        if (built.States.No?.Cause && built.States['Hello World example?'].Choices.length === 2 && built.States['Hello World example?'].Choices[1].Next === 'No') break;
      } catch { /* not saved yet */ }
      await page.waitForTimeout(250);
    }
    // The console's Hello World, but for its Comments (the designer writes none unless asked).
    assert.deepEqual(built, JSON.parse(JSON.stringify(helloWorldTemplate.definition, (key, value) => (key === 'Comment' ? undefined : value))));
    assert.equal(await frame.locator('.banner').isHidden(), true, 'the built machine has no problem');
  });
});
