// Source-address spreading through the bundled CLI and a real worker process: a loopback server
// records where each connection comes from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli as cli } from '../cli/runCli';
import { recordingServer } from './recordingServer';

function scenarioFile(
  target: string,
  sources: string | undefined,
  extra: string[] = [],
): { file: string; dispose(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-src-'));
  const file = path.join(dir, 'src.load.yaml');
  fs.writeFileSync(
    file,
    [
      'name: sources',
      `target: ${target}`,
      'load: { users: 40, spawnRate: 40, duration: 1s }',
      'workers: 1',
      sources === undefined ? '' : `sourceAddresses: ${sources}`,
      ...extra,
      'users:',
      '  - name: u',
      '    think: 100ms',
      '    tasks:',
      '      - get: /',
      '',
    ].join('\n'),
  );
  return { file, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** On Linux, connections came from each of 127.0.0.2 ... 127.0.0.17 and never 127.0.0.1; elsewhere from 127.0.0.1. */
function assertLoopbackSpread(sources: Set<string>): void {
  if (process.platform === 'linux') {
    assert.equal(sources.size, 16, [...sources].join(' '));
    assert.ok(sources.has('127.0.0.2') && sources.has('127.0.0.17'));
    assert.ok(!sources.has('127.0.0.1'));
  } else assert.deepEqual([...sources], ['127.0.0.1']);
}

test('source addresses: a loopback target gets connections from 127.0.0.2, 127.0.0.3, ... by itself', async () => {
  const server = await recordingServer();
  const s = scenarioFile(server.url, undefined);
  try {
    const r = await cli(['run', s.file, '--quiet', '--results', path.dirname(s.file)]);
    assert.equal(r.code, 0, r.stderr);
    assertLoopbackSpread(server.sources);
  } finally {
    s.dispose();
    await server.close();
  }
});

test('source addresses: HTTPS connections to a loopback target are spread the same way', async () => {
  const server = await recordingServer({ tls: true });
  // keepAlive false: a TLS handshake per request, so each user opens many connections in turn.
  const s = scenarioFile(server.url, undefined, ['defaults: { insecure: true, keepAlive: false }']);
  try {
    const r = await cli(['run', s.file, '--quiet', '--results', path.dirname(s.file)]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(server.requests() > 0);
    assertLoopbackSpread(server.sources);
  } finally {
    s.dispose();
    await server.close();
  }
});

test('source addresses: `sourceAddresses:` names exactly the addresses connections come from', async () => {
  const server = await recordingServer();
  const s = scenarioFile(server.url, '[127.0.0.5, 127.0.0.6]');
  try {
    const r = await cli(['run', s.file, '--quiet', '--results', path.dirname(s.file)]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual([...server.sources].sort(), ['127.0.0.5', '127.0.0.6']);
  } finally {
    s.dispose();
    await server.close();
  }
});

test('source addresses: an address this machine does not have is exit 2 before any request', async () => {
  const server = await recordingServer();
  // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never a local address.
  const s = scenarioFile(server.url, '[127.0.0.5, 192.0.2.7]');
  try {
    const r = await cli(['run', s.file, '--quiet']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /`sourceAddresses`: 192\.0\.2\.7 is not an address of this machine/);
    assert.match(r.stderr, /ip -brief address/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    assert.equal(server.requests(), 0);
  } finally {
    s.dispose();
    await server.close();
  }
});
