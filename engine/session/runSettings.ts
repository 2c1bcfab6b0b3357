// The run's settings as a person reads them in a report: what was run, against what, with which
// load and which of the person's overrides. Never the token, never an env value (names and where
// they came from only); the report masks the rest with the run's secrets.
import os from 'node:os';
import type { RunOverrides } from '../../common/protocol/host';
import { formatElapsed } from '../../common/format';
import { DEFAULT_GRACEFUL_STOP_MS, type Scenario } from '../../scenario/model';
import type { RunInputs } from '../inputs/runInputs';

const seconds = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

/** `3 stages: 20 users for 0:30, 50 users for 1:00` or `open: 20 it/s for 1:00 (at most 50 users)`. */
export function describeLoad(scenario: Scenario): string {
  const load = scenario.load;
  const stages =
    load.model === 'closed'
      ? load.stages.map((s) => `${s.users} users for ${formatElapsed(s.durationMs)} (spawn ${s.spawnRate}/s)`)
      : load.stages.map((s) => `${s.arrivalRate} it/s for ${formatElapsed(s.durationMs)}`);
  const head = load.model === 'closed' ? 'closed model' : `open model (at most ${load.maxUsers} users)`;
  return `${head}, ${stages.length === 1 ? '1 stage' : `${stages.length} stages`}: ${stages.join(', ')}`;
}

export function runSettings(
  file: string,
  scenario: Scenario,
  overrides: RunOverrides,
  target: string | undefined,
  inputs: RunInputs | undefined,
): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    ['Scenario file', file],
    [
      'Target',
      `${target ?? scenario.target ?? '(none)'}${overrides.demoTarget ? ' (the embedded demo target)' : ''}`,
    ],
    ['Load', describeLoad(scenario)],
    [
      'Workers',
      String(
        overrides.workers ??
          (overrides.expectWorkers !== undefined
            ? `${overrides.expectWorkers} remote`
            : (scenario.workers ?? 'auto')),
      ),
    ],
    ['Graceful stop', seconds(scenario.load.gracefulStopMs ?? DEFAULT_GRACEFUL_STOP_MS)],
  ];
  if (overrides.users !== undefined) rows.push(['--users', String(overrides.users)]);
  if (overrides.durationMs !== undefined) rows.push(['--duration', seconds(overrides.durationMs)]);
  if (overrides.insecure) rows.push(['--insecure', 'any server certificate accepted']);
  if (scenario.thresholds.length)
    rows.push(['Thresholds', scenario.thresholds.map((t) => t.source).join('; ')]);
  const env = Object.entries(inputs?.origins ?? {});
  if (env.length) rows.push(['Environment read', env.map(([name, from]) => `${name} (${from})`).join(', ')]);
  if (scenario.secrets.length) rows.push(['Secrets (masked)', scenario.secrets.join(', ')]);
  rows.push(['Master', `Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} CPUs`]);
  return rows;
}
