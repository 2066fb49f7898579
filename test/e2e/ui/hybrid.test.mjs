// A hybrid run as a person starts one: the start form's "Call AWS" box lists what each Task nothing
// local serves will call, the run calls DynamoDB (dynalite, started here on loopback, its endpoint
// given by the aslWorkbench.run.awsEndpoints setting), and the execution view marks the state that
// called AWS. Screenshots in e2e-results/hybrid-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { workbench } from '../lib/uiSession.mjs';
import { PROJECT_ROOT } from '../lib/codeServer.mjs';
import { openFile, runCommand, screenshot, webview } from '../lib/workbench.mjs';

const require = createRequire(path.join(PROJECT_ROOT, 'package.json'));
const { DynamoDBClient, CreateTableCommand, GetItemCommand } = require('@aws-sdk/client-dynamodb');

const stateNode = (name) => `g[data-id$='${JSON.stringify(name)}]']`;

describe('Hybrid run', () => {
  let page;
  let dynalite;
  let dynamo;
  let settingsFile;
  let settingsBefore;

  before(async () => {
    let folder;
    ({ page, folder } = await workbench());
    dynalite = require('dynalite')({ createTableMs: 0 });
    await new Promise((resolve) => dynalite.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${dynalite.address().port}`;
    dynamo = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'LOOPBACK', secretAccessKey: 'LOOPBACK' } });
    await dynamo.send(new CreateTableCommand({
      TableName: 'Orders', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }));
    // The workspace's settings name the stand-in; put back as they were after the test.
    settingsFile = path.join(folder, '.vscode', 'settings.json');
    settingsBefore = fs.readFileSync(settingsFile, 'utf8');
    fs.writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(settingsBefore), 'aslWorkbench.run.awsEndpoints': { dynamodb: endpoint } }, null, 2));
  });
  after(async () => {
    if (settingsFile) fs.writeFileSync(settingsFile, settingsBefore);
    dynamo?.destroy();
    await new Promise((resolve) => (dynalite ? dynalite.close(resolve) : resolve()));
  });

  test('lists the planned call, calls DynamoDB, and marks the state that called AWS in the graph and its events', async () => {
    await openFile(page, 'run/hybrid/saveOrder.asl.json', 'dynamodb:putItem');
    await runCommand(page, 'ASL: Run Locally');
    const form = await webview(page, '#start-execution');
    await form.locator('#call-aws-section:not([hidden])').waitFor();
    assert.equal(await form.isChecked('#call-aws'), false, 'off unless aslWorkbench.run.callAws is on');
    await form.check('#call-aws');
    await form.locator('#aws-calls li', { hasText: 'DynamoDB PutItem' }).waitFor();
    assert.equal(await form.locator('#unserved').isHidden(), true, 'no Task is left unserved');
    await form.fill('#name', 'hybrid-e2e');
    await screenshot(page, 'hybrid-1-start-form');
    await form.click('#start-execution');

    const view = await webview(page, '#execution-name:text-is("hybrid-e2e")');
    await view.locator('#status', { hasText: /Succeeded|Failed/ }).waitFor({ timeout: 60_000 });
    assert.equal(await view.textContent('#status'), 'Succeeded', await view.textContent('#result'));
    assert.match(await view.textContent('#output'), /"status": 200/);
    await view.locator(`${stateNode('Save')}.called-aws`).waitFor();
    assert.doesNotMatch(await view.getAttribute(stateNode('Confirm'), 'class'), /called-aws/);
    assert.equal(await view.isVisible('#legend-aws'), true);
    await screenshot(page, 'hybrid-2-graph');
    await view.click('#tab-Events');
    await view.locator('.event-row:has(.aws-mark)', { hasText: 'TaskSucceeded' }).waitFor();

    const stored = await dynamo.send(new GetItemCommand({ TableName: 'Orders', Key: { id: { S: 'o-42' } } }));
    assert.deepEqual(stored.Item, { id: { S: 'o-42' }, amount: { N: '17' } });
  });
});
