// A run on a remote target as a person starts one: the local endpoint started from the palette, the
// start form's target picker set to it, and the execution followed there into the execution view and the
// executions list, labelled with the endpoint. Screenshots in e2e-results/remote-*.png.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { workbench } from '../lib/uiSession.mjs';
import { openFile, runCommand, screenshot, webview } from '../lib/workbench.mjs';

describe('Run on a remote target', () => {
  let page;
  before(async () => ({ page } = await workbench()));

  test('runs hello.asl.json on the local endpoint from the start form and follows it in the execution view', async () => {
    await runCommand(page, 'ASL: Start Local Endpoint');
    const item = page.locator('.statusbar-item', { hasText: /127\.0\.0\.1:\d+/ });
    await item.waitFor({ timeout: 60_000 });
    const url = (await item.innerText()).trim();

    await openFile(page, 'hello.asl.json', 'Greet');
    await runCommand(page, 'ASL: Run Locally');
    const form = await webview(page, '#start-execution');
    await form.locator('#target-localEndpoint:not([disabled])').waitFor();
    assert.equal(await form.textContent('#local-endpoint-url'), ` ${url}`);
    await form.check('#target-localEndpoint');
    assert.equal(await form.isVisible('#test-case'), false, 'mocks are the interpreter\'s');
    assert.equal(await form.textContent('#start-execution'), 'Start on the endpoint');
    await form.fill('#name', 'remote-e2e');
    await screenshot(page, 'remote-1-target-picker');
    await form.click('#start-execution');

    const view = await webview(page, '#execution-name:text-is("remote-e2e")');
    await view.locator('#status', { hasText: 'Succeeded' }).waitFor({ timeout: 60_000 });
    assert.equal(await view.textContent('#target'), url);
    assert.match(await view.textContent('#arn'), /^arn:aws:states:us-east-1:\d+:execution:hello:remote-e2e$/);
    assert.match(await view.textContent('#output'), /"greeting": "hello"/);
    await view.click('#tab-Events');
    await view.locator('#event-count', { hasText: '4 events' }).waitFor({ timeout: 10_000 });
    await view.click('#tab-Graph');
    await view.locator(`g[data-id$='"Greet"]'].status-succeeded`).waitFor();
    await screenshot(page, 'remote-2-followed-execution');

    // The endpoint ran it: its own API knows the execution.
    const answer = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'AWSStepFunctions.DescribeExecution' },
      body: JSON.stringify({ executionArn: await view.textContent('#arn') }) });
    assert.equal((await answer.json()).status, 'SUCCEEDED');
    // Listed next to local runs, labelled with where it ran.
    const list = page.locator('.pane-header', { hasText: 'State Machine Executions' });
    if (await list.getAttribute('aria-expanded') !== 'true') await list.click();
    const row = page.locator('.pane-body .monaco-list-row', { hasText: 'remote-e2e' }).first();
    await row.waitFor({ timeout: 30_000 });
    assert.ok((await row.textContent()).includes(`${url} · Succeeded`), await row.textContent());
    // Under the machine, its executions on the endpoint however started: one started by a client too.
    const { executionArn } = await (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'AWSStepFunctions.StartExecution' },
      body: JSON.stringify({ stateMachineArn: (await view.textContent('#arn')).replace(':execution:', ':stateMachine:').replace(/:remote-e2e$/, ''), name: 'from-a-client', input: '{}' }) })).json();
    assert.ok(executionArn);
    // Room for the list: the workspace's folder section folded (the list renders only the rows in view).
    const folders = page.locator('.pane-header', { hasText: 'workspace' }).first();
    if (await folders.getAttribute('aria-expanded') === 'true') await folders.click();
    await page.locator('.pane-body .monaco-list-row', { hasText: `On ${url}` }).first().click();
    // The node's tooltip would cover the rows below it.
    await page.mouse.move(700, 500);
    // (The local endpoint's own node lists it too, by its machine's name rather than the target.)
    const listed = page.locator('.pane-body .monaco-list-row', { hasText: 'from-a-client' }).filter({ hasText: `${url} · Succeeded` }).first();
    await listed.waitFor({ timeout: 30_000 });
    await screenshot(page, 'remote-3-listed-on-target');
    await listed.click();
    const opened = await webview(page, '#execution-name:text-is("from-a-client")');
    await opened.locator('#status', { hasText: 'Succeeded' }).waitFor();
    assert.equal(await opened.textContent('#target'), url);

    await runCommand(page, 'View: Close All Editors');
    await item.click();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Stop Local Endpoint' }).click();
    await item.waitFor({ state: 'detached', timeout: 30_000 });
  });
});
