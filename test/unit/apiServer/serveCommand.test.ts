// `serve` as a command: its usage errors, a port that is taken, and the endpoint it prints.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CLI, startEndpoint } from './endpoint';

test('serve refuses a bad option or port with usage, exit 2', () => {
  const badPort = spawnSync(process.execPath, [CLI, 'serve', '--port', 'eighty'], { encoding: 'utf8' });
  assert.equal(badPort.status, 2);
  assert.match(badPort.stderr, /--port needs a port number \(0 to 65535\), not 'eighty'/);
  const unknown = spawnSync(process.execPath, [CLI, 'serve', '--verbose'], { encoding: 'utf8' });
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown option --verbose\n\nusage: asl-workbench serve/);
  const missingMocks = spawnSync(process.execPath, [CLI, 'serve', '--mock-config', '/nonexistent/mocks.json'], { encoding: 'utf8' });
  assert.equal(missingMocks.status, 2);
  assert.match(missingMocks.stderr, /cannot read the mock config \/nonexistent\/mocks.json/);
});

test('serve on a port already taken says so and exits 1', async () => {
  const first = await startEndpoint();
  try {
    const port = new URL(first.url).port;
    const second = spawnSync(process.execPath, [CLI, 'serve', '--port', port], { encoding: 'utf8' });
    assert.equal(second.status, 1);
    assert.match(second.stderr, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`));
  } finally {
    assert.equal(await first.stop(), 0);
  }
});
