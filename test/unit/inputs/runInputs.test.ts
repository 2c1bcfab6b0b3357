// Where env values come from (flags, env files, the process environment, .env beside the
// scenario, `env:` defaults, in that order), what reaches workers (only names the scenario uses),
// the secrets' values, and multipart files kept inside the scenario's folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzeScenario } from '../../../scenario/index';
import { envLookup, parseEnvFlag, RunInputError } from '../../../engine/inputs/envSources';
import { prepareRunInputs } from '../../../engine/inputs/runInputs';

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-inputs-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const SCENARIO = `target: http://127.0.0.1:9
load: { users: 1, duration: 1s }
env: { A: default, B: default, C: default, D: default, E: default, UNUSED: default }
secrets: [E, NOT_SET]
users:
  - tasks:
      - get: /{{ env.A }}/{{ env.B }}/{{ env.C }}/{{ env.D }}/{{ env.E }}
`;

test('sources in order: --env, --env-file (later file wins), process, .env beside, defaults; only used names are sent', () => {
  const dir = folder({
    's.load.yaml': SCENARIO,
    '.env': 'A=dotenv\nB=dotenv\nC=dotenv\nD=dotenv\n',
    'one.env': 'A=file1\nB=file1\n',
    'two.env': '# comment\nexport A="file2 quoted"\n',
  });
  const scenario = analyzeScenario(SCENARIO).scenario!;
  const inputs = prepareRunInputs(scenario, path.join(dir, 's.load.yaml'), {
    flags: { E: 'flag=with=equals' },
    envFiles: [path.join(dir, 'one.env'), path.join(dir, 'two.env')],
    processEnv: { B: 'process', C: 'process' },
  });
  assert.deepEqual(inputs.env, {
    A: 'file2 quoted',
    B: 'file1',
    C: 'process',
    D: 'dotenv',
    E: 'flag=with=equals',
  });
  assert.deepEqual(inputs.secretValues, ['flag=with=equals']);
  assert.deepEqual(inputs.files, {});
  const lookup = envLookup(scenario, path.join(dir, 's.load.yaml'), { processEnv: {} });
  assert.deepEqual(lookup('UNUSED'), { value: 'default', from: 'the scenario `env:`' });
});

test('a missing name is an input error naming it and every place it is used; a missing --env-file too', () => {
  const text =
    'load: { users: 1, duration: 1s }\nusers:\n  - tasks:\n      - get: /{{ env.X }}\n        headers: { K: "{{ env.X }}" }\n';
  const scenario = analyzeScenario(text).scenario!;
  const dir = folder({ 's.load.yaml': text });
  const file = path.join(dir, 's.load.yaml');
  assert.throws(
    () => prepareRunInputs(scenario, file, { processEnv: {} }),
    (e: unknown) =>
      e instanceof RunInputError && e.message.includes(`X (used at ${file}:4:18, ${file}:5:27)`),
  );
  assert.throws(
    () =>
      prepareRunInputs(scenario, file, { processEnv: { X: '1' }, envFiles: [path.join(dir, 'nope.env')] }),
    /cannot read the env file .*nope\.env: no such file/,
  );
});

test('--env needs NAME=VALUE', () => {
  assert.deepEqual(parseEnvFlag('A_1=x=y'), ['A_1', 'x=y']);
  assert.deepEqual(parseEnvFlag('A='), ['A', '']);
  assert.throws(() => parseEnvFlag('=x'), RunInputError);
  assert.throws(() => parseEnvFlag('1A=x'), RunInputError);
  assert.throws(() => parseEnvFlag('NOVALUE'), RunInputError);
});

test('multipart files are read by path as written; a symbolic link out of the folder is refused', () => {
  const outside = folder({ 'secret.txt': 'private' });
  const text = (file: string) =>
    `target: http://127.0.0.1:9\nload: { users: 1, duration: 1s }\nusers:\n  - tasks:\n      - post: /u\n        multipart: { f: { file: ${file} } }\n`;
  const dir = folder({ 'data/a.bin': 'abc' });
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'data/link.txt'));
  const ok = prepareRunInputs(analyzeScenario(text('data/a.bin')).scenario!, path.join(dir, 's.load.yaml'), {
    processEnv: {},
  });
  assert.deepEqual(Buffer.from(ok.files['data/a.bin']).toString(), 'abc');
  assert.throws(
    () =>
      prepareRunInputs(analyzeScenario(text('data/link.txt')).scenario!, path.join(dir, 's.load.yaml'), {
        processEnv: {},
      }),
    /data\/link\.txt: it leads out of the scenario's folder/,
  );
  assert.throws(
    () =>
      prepareRunInputs(analyzeScenario(text('data/none.bin')).scenario!, path.join(dir, 's.load.yaml'), {
        processEnv: {},
      }),
    /data\/none\.bin: no such file/,
  );
});
