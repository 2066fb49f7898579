// "ASL: Publish to AWS…" as a person uses it, against the local endpoint: the target, name, role,
// logging and version picks, the diff of the deployed definition against the file in VS Code's diff
// editor with the modal confirmation over it, then the endpoint holds the file's definition and the
// alias points at the new version; then Download from AWS writes it back as YAML. Screenshots in
// e2e-results/publish-diff.png and download-yaml.png.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { workbench } from '../lib/uiSession.mjs';
import { openFile, runCommand, screenshot } from '../lib/workbench.mjs';

async function call(url, action, body) {
  const answer = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AWSStepFunctions.${action}` }, body: JSON.stringify(body) });
  assert.equal(answer.status, 200, `${action}: ${answer.status} ${await answer.clone().text()}`);
  return answer.json();
}

/** Picks the quick pick's row that contains `text`, once the quick input shows it. */
async function pick(page, text) {
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
}

describe('Publish to AWS', () => {
  let page;
  let folder;
  before(async () => ({ page, folder } = await workbench()));

  test('publishes to the local endpoint after the diff against the deployed definition', async () => {
    await runCommand(page, 'ASL: Start Local Endpoint');
    const item = page.locator('.statusbar-item', { hasText: /127\.0\.0\.1:\d+/ });
    await item.waitFor({ timeout: 60_000 });
    const url = (await item.innerText()).trim();
    const local = JSON.parse(fs.readFileSync(path.join(folder, 'hello.asl.json'), 'utf8'));
    // Deployed earlier, with another greeting.
    const deployed = { ...local, States: { Greet: { ...local.States.Greet, Result: { greeting: 'hi' } } } };
    const { stateMachineArn } = await call(url, 'CreateStateMachine', { name: 'hello', roleArn: 'arn:aws:iam::123456789012:role/ui', definition: JSON.stringify(deployed) });

    await openFile(page, 'hello.asl.json', 'A valid machine');
    // The command goes on in quick inputs of its own: the palette is driven here rather than waited closed.
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>ASL: Publish to AWS');
    await pick(page, 'ASL: Publish to AWS…');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Where to' }).waitFor({ timeout: 30_000 });
    await pick(page, 'Local endpoint');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'local endpoint' }).waitFor({ timeout: 30_000 });
    assert.equal(await input.inputValue(), 'hello');
    await input.press('Enter');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'role' }).waitFor();
    await pick(page, 'Keep the deployed role');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'logging level' }).waitFor();
    await pick(page, 'Keep');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'versions' }).waitFor();
    await pick(page, 'Publish a version and move an alias');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'alias' }).waitFor();
    await input.fill('live');
    await input.press('Enter');

    const diff = page.locator('.monaco-diff-editor');
    await diff.locator('.view-lines', { hasText: '"greeting": "hi"' }).first().waitFor({ timeout: 30_000 });
    await diff.locator('.view-lines', { hasText: '"greeting": "hello"' }).first().waitFor();
    const tab = page.locator('.tabs-container .tab', { hasText: 'hello: deployed ↔ hello.asl.json' });
    await tab.waitFor();
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'Update hello on local endpoint' });
    await dialog.waitFor();
    await screenshot(page, 'publish-diff');
    await dialog.locator('.monaco-button', { hasText: 'Publish' }).click();

    // The endpoint now holds the file's definition, and the alias routes to the version just published.
    const aliasArn = `${stateMachineArn}:live`;
    const deadline = Date.now() + 30_000;
    let alias;
    while (!alias && Date.now() < deadline) {
      const answer = await fetch(url, { method: 'POST', headers: { 'X-Amz-Target': 'AWSStepFunctions.DescribeStateMachineAlias' }, body: JSON.stringify({ stateMachineAliasArn: aliasArn }) });
      if (answer.status === 200) alias = await answer.json();
      else await page.waitForTimeout(100);
    }
    assert.ok(alias, 'the alias was created');
    assert.deepEqual(alias.routingConfiguration, [{ stateMachineVersionArn: `${stateMachineArn}:1`, weight: 100 }]);
    const described = await call(url, 'DescribeStateMachine', { stateMachineArn });
    assert.deepEqual(JSON.parse(described.definition), local);
    assert.equal(described.roleArn, 'arn:aws:iam::123456789012:role/ui');

    await runCommand(page, 'View: Close All Editors');

    // Download from AWS: the machine picked from the endpoint's list, saved as YAML where the save dialog says.
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>ASL: Download from AWS');
    await pick(page, 'ASL: Download from AWS…');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Where to' }).waitFor({ timeout: 30_000 });
    await pick(page, 'Local endpoint');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Download from AWS' }).waitFor({ timeout: 30_000 });
    await pick(page, stateMachineArn);
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'format' }).waitFor();
    await pick(page, 'YAML');
    // code-server's save dialog is VS Code's own, a path in the quick input.
    const saved = path.join(folder, 'downloaded.asl.yaml');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Save hello' }).waitFor({ timeout: 30_000 });
    // The dialog writes its default path into the input a moment after its title shows, which can replace
    // a path typed too soon: type once the default is there, and again until the path stays.
    await page.waitForFunction(() => document.querySelector('.quick-input-widget input')?.value, undefined, { timeout: 30_000 });
    for (let attempt = 0; attempt < 10 && (await input.inputValue()) !== saved; attempt++) {
      await input.fill(saved);
      await page.waitForTimeout(250);
    }
    assert.equal(await input.inputValue(), saved);
    await input.press('Enter');
    await page.locator('.monaco-editor .view-lines', { hasText: 'greeting: hello' }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'download-yaml');
    assert.deepEqual(fs.readFileSync(saved, 'utf8'), 'Comment: "A valid machine: the e2e tests open it to activate the extension"\nStartAt: Greet\nStates:\n  Greet:\n    Type: Pass\n    Result:\n      greeting: hello\n    End: true\n');
    await runCommand(page, 'View: Close All Editors');
    fs.rmSync(saved);

    await item.click();
    await pick(page, 'Stop Local Endpoint');
    await item.waitFor({ state: 'detached', timeout: 30_000 });
  });
});
