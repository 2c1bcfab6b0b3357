// Opening the Prometheus output before the load: loopback is quiet, a wider bind is said out loud,
// and the engine refuses what the language would have refused (it trusts no caller).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Logger } from '../../../engine/log';
import { openPrometheusOutput } from '../../../engine/recorders/prometheusRecorder';

function capture(): { log: Logger; warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (m) => warnings.push(m),
      error: () => undefined,
    },
  };
}

test('a listener beyond loopback is announced as such; a loopback one is not', async () => {
  for (const [host, wide] of [
    ['127.0.0.1', false],
    ['0.0.0.0', true],
  ] as const) {
    const { log, warnings } = capture();
    const out = await openPrometheusOutput({ listen: { host, port: 0 }, labels: {} }, log);
    assert.ok(!('problem' in out));
    await out.close();
    assert.equal(
      warnings.some((w) => /reachable beyond this machine/.test(w)),
      wide,
      host,
    );
  }
});

test('the engine checks the settings again: a reserved label or a bad URL is a problem, not a crash', async () => {
  const { log } = capture();
  const label = await openPrometheusOutput(
    { listen: { host: '127.0.0.1', port: 0 }, labels: { run: 'x' } },
    log,
  );
  assert.match('problem' in label ? label.problem : '', /labels: `run`: Stampede sets `run` itself/);
  const url = await openPrometheusOutput({ remoteWrite: 'ftp://x/y', labels: {} }, log);
  assert.match('problem' in url ? url.problem : '', /needs an http:\/\/ or https:\/\/ URL/);
});
