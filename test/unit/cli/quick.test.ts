// The scenario `stampede quick` builds from its flags, read back by the language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quickScenarioSource } from '../../../engine/cli/commands/quick';
import { analyzeScenario } from '../../../scenario/index';

const base = {
  url: new URL('https://127.0.0.1:8443/a?b=1'),
  users: 4,
  seconds: 2,
  thinkSeconds: 0,
  method: 'GET',
  workers: 0,
};

test('quick: --insecure becomes defaults.insecure; without it certificates are checked', () => {
  for (const insecure of [true, false]) {
    const { scenario, diagnostics } = analyzeScenario(quickScenarioSource({ ...base, insecure }));
    assert.deepEqual(diagnostics, []);
    assert.equal(scenario!.defaults.insecure, insecure);
    assert.equal(scenario!.target, 'https://127.0.0.1:8443');
  }
});

test('quick without think time starts its users over 100 ms (no lockstep burst)', () => {
  const { scenario } = analyzeScenario(quickScenarioSource(base));
  assert.deepEqual(scenario!.load, {
    model: 'closed',
    stages: [{ durationMs: 2000, users: 4, spawnRate: 40 }],
  });
});

test('quick: --no-keepalive and --no-tls-resume become defaults the language accepts', () => {
  const { scenario, diagnostics } = analyzeScenario(
    quickScenarioSource({ ...base, insecure: true, noKeepAlive: true, noTlsResume: true }),
  );
  assert.deepEqual(diagnostics, []);
  assert.equal(scenario!.defaults.insecure, true);
  assert.equal(scenario!.defaults.keepAlive, false);
  assert.equal(scenario!.defaults.resumeTlsSessions, false);
  const plain = analyzeScenario(quickScenarioSource(base)).scenario!;
  assert.equal(plain.defaults.keepAlive, undefined);
  assert.equal(plain.defaults.resumeTlsSessions, undefined);
});
