import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buildRunOptions,
  describeOptions,
  parseDuration,
  parseUsers,
  parseWorkers,
  validationMessage,
  type StampedeSettings,
} from '../../../client/runOptions';

const settings: StampedeSettings = {
  workers: null,
  bindAddress: 'tcp://127.0.0.1:0',
  heartbeatMs: 1000,
  resultsFolder: '',
  useDemoTarget: false,
  envFile: '',
};

test('users: empty keeps the scenario, whole numbers from 1, anything else explains itself', () => {
  assert.deepEqual(parseUsers(' '), { ok: true, value: undefined });
  assert.deepEqual(parseUsers(' 50 '), { ok: true, value: 50 });
  assert.match(validationMessage(parseUsers('0'))!, /between 1 and/);
  assert.match(validationMessage(parseUsers('2.5'))!, /not a whole number/);
  assert.match(validationMessage(parseUsers('ten'))!, /not a whole number/);
  assert.match(validationMessage(parseUsers('99999999'))!, /between 1 and/);
});

test('duration: the scenario language units, empty keeps the scenario, at least one second', () => {
  assert.deepEqual(parseDuration(''), { ok: true, value: undefined });
  assert.deepEqual(parseDuration('30s'), { ok: true, value: 30_000 });
  assert.deepEqual(parseDuration('2m'), { ok: true, value: 120_000 });
  assert.deepEqual(parseDuration('1m30s'), { ok: true, value: 90_000 });
  assert.deepEqual(parseDuration('1h'), { ok: true, value: 3_600_000 });
  assert.match(validationMessage(parseDuration('30'))!, /not a duration.*30s/);
  assert.match(validationMessage(parseDuration('500ms'))!, /at least 1s/);
  assert.match(validationMessage(parseDuration('soon'))!, /not a duration/);
});

test('workers: auto or empty is the default, 0 runs in-process, a bound on the count', () => {
  assert.deepEqual(parseWorkers('auto'), { ok: true, value: undefined });
  assert.deepEqual(parseWorkers(''), { ok: true, value: undefined });
  assert.deepEqual(parseWorkers('0'), { ok: true, value: 0 });
  assert.deepEqual(parseWorkers('4'), { ok: true, value: 4 });
  assert.match(validationMessage(parseWorkers('-1'))!, /not a worker count/);
  assert.match(validationMessage(parseWorkers('1000'))!, /At most 256/);
});

test('run options: settings fill in, per-run choices win, empty fields stay out', () => {
  assert.deepEqual(buildRunOptions(settings), { bind: 'tcp://127.0.0.1:0', heartbeatMs: 1000 });
  const fromSettings = buildRunOptions({ ...settings, workers: 3, useDemoTarget: true }, {}, '/tmp/results');
  assert.deepEqual(fromSettings, {
    bind: 'tcp://127.0.0.1:0',
    heartbeatMs: 1000,
    workers: 3,
    resultsDir: '/tmp/results',
    demoTarget: true,
  });
  const chosen = buildRunOptions({ ...settings, workers: 3 }, { workers: 1, users: 20, durationMs: 30_000 });
  assert.equal(chosen.workers, 1);
  assert.equal(chosen.users, 20);
  assert.equal(chosen.durationMs, 30_000);
  assert.equal('bind' in buildRunOptions({ ...settings, bindAddress: '  ' }), false);
  assert.equal(buildRunOptions({ ...settings, workers: 0 }).workers, 0);
});

test('options are described on one line for the log', () => {
  assert.equal(
    describeOptions({ users: 20, durationMs: 30_000, workers: 2, demoTarget: true }),
    'users=20, duration=30s, workers=2, demo target',
  );
  assert.equal(describeOptions({}), 'workers=auto');
});

test('run options: the env file setting travels as envFile, resolved by the caller; empty stays out', () => {
  assert.equal(buildRunOptions(settings).envFile, undefined);
  assert.equal(
    buildRunOptions({ ...settings, envFile: 'ci.env' }, {}, undefined, '/ws/ci.env').envFile,
    '/ws/ci.env',
  );
});
