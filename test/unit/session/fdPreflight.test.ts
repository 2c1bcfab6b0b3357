// The open-file preflight's arithmetic and its reading of /proc/self/limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FD_RESERVE, fdProblem, readFdLimits } from '../../../engine/session/fdPreflight';

const limitsText = `Limit                     Soft Limit           Hard Limit           Units
Max processes             95000                95000                processes
Max open files            1024                 20000                files
Max locked memory         8388608              8388608              bytes
`;

test('readFdLimits: the soft and hard open-file limits, unlimited as infinity', () => {
  assert.deepEqual(readFdLimits(limitsText), { soft: 1024, hard: 20000 });
  assert.deepEqual(
    readFdLimits(limitsText.replace('1024                 20000', 'unlimited            unlimited')),
    {
      soft: Infinity,
      hard: Infinity,
    },
  );
  assert.equal(readFdLimits('nothing here'), undefined);
  // This machine's own limits read back as numbers (Linux).
  const own = readFdLimits();
  if (process.platform === 'linux') assert.ok(own && own.soft > 0 && own.hard >= own.soft);
});

test('fdProblem: workers are measured against the hard limit, the busiest worker by largest remainder', () => {
  const limits = { soft: 1024, hard: 20000 };
  const fits = { localWorkers: 6, users: 100_000, connectionsPerUser: 1, demoInMaster: false };
  assert.equal(fdProblem(fits, limits), undefined, '16,667 + reserve per worker fits in 20,000');
  const tooFew = fdProblem({ ...fits, localWorkers: 5 }, limits);
  assert.match(tooFew ?? '', /each of the 5 local workers would hold up to 20,000 connections/);
  assert.match(tooFew ?? '', new RegExp(`ulimit -n ${20_000 + FD_RESERVE}`));
  assert.match(tooFew ?? '', /--workers 6/);
  // Two loops and tasks: three connections per user.
  assert.match(fdProblem({ ...fits, connectionsPerUser: 3 }, limits) ?? '', /--workers 16/);
});

test('fdProblem: the master holds the demo target side, and an in-process worker both sides', () => {
  const limits = { soft: 5000, hard: 20000 };
  const demo = fdProblem({ localWorkers: 2, users: 8000, connectionsPerUser: 1, demoInMaster: true }, limits);
  assert.match(demo ?? '', /demo target's side of 8,000 connections/);
  assert.match(demo ?? '', /run `ulimit -n 8128` before the run \(the hard limit, 20,000, allows it\)/);
  const inProcess = fdProblem(
    { localWorkers: 0, users: 9000, connectionsPerUser: 1, demoInMaster: true },
    limits,
  );
  assert.match(inProcess ?? '', /\(18,128 files with its own\)/);
  assert.match(inProcess ?? '', /in-process worker's 9,000 connections/);
  assert.equal(
    fdProblem({ localWorkers: undefined, users: 1e6, connectionsPerUser: 1, demoInMaster: false }, limits),
    undefined,
  );
});
