// The open-file preflight: before any load, compare the sockets each process of the run will hold
// with its limit on open files (RLIMIT_NOFILE), so a big run is refused with what to change instead
// of dying with EMFILE a minute in (issue 23: 20,000 users against the embedded demo target, whose
// sockets live in the master's process, under `ulimit -n 20000`).
//
// Node raises its own soft limit to the hard one when it starts (src/node.cc, PlatformInit;
// `prlimit --nofile=1024:20000 node` reads 20000:20000 in /proc/self/limits), so every forked
// worker starts at the hard limit it inherits: a low soft limit needs no action, and the hard limit
// is the wall. The master's own limit is the one it has now (it has already raised it).
import fs from 'node:fs';
import type { RunOverrides } from '../../common/protocol/host';
import type { Scenario } from '../../scenario/model';
import { localWorkerCount } from '../master/localWorkers';
import { planLoad, type LoadPlan } from '../master/plan';

/** Files a process opens besides its users' sockets: stdio, ZeroMQ's sockets and eventfds, epoll, data and result files. */
export const FD_RESERVE = 128;

export interface FdLimits {
  soft: number;
  hard: number;
}

export interface FdNeeds {
  /** Local worker processes (0: one worker inside the master), or undefined when workers are remote. */
  localWorkers: number | undefined;
  /** Users at the busiest point of the plan. */
  users: number;
  /** Connections one user holds at most: one per activity (its tasks, each of its loops). */
  connectionsPerUser: number;
  /** The embedded demo target runs in the master and holds the server side of every connection. */
  demoInMaster: boolean;
}

/** Reads this process's limit on open files (Linux: /proc/self/limits); undefined where it cannot. */
export function readFdLimits(limitsText?: string): FdLimits | undefined {
  let text = limitsText;
  if (text === undefined) {
    try {
      text = fs.readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return undefined;
    }
  }
  const m = /^Max open files\s+(\S+)\s+(\S+)/m.exec(text);
  if (!m) return undefined;
  const num = (s: string): number => (s === 'unlimited' ? Number.POSITIVE_INFINITY : Number(s));
  const soft = num(m[1]);
  const hard = num(m[2]);
  return Number.isNaN(soft) || Number.isNaN(hard) ? undefined : { soft, hard };
}

/** The busiest point of the plan, in users (closed stages) or concurrent users allowed (open stages). */
export function peakUsers(plan: LoadPlan): number {
  return plan.stages.reduce((m, s) => Math.max(m, s.model === 'closed' ? s.users : s.maxUsers), 0);
}

export function connectionsPerUser(scenario: Scenario): number {
  return scenario.users.reduce((m, k) => Math.max(m, (k.tasks.length > 0 ? 1 : 0) + k.loops.length), 1);
}

/**
 * What stops this run for want of file descriptors, with what to change; undefined when it fits.
 * Workers get users by largest remainder, so the busiest one holds ceil(users / workers).
 */
export function fdProblem(needs: FdNeeds, limits: FdLimits): string | undefined {
  const { localWorkers, users, connectionsPerUser: perUser, demoInMaster } = needs;
  const problems: string[] = [];
  const clientSockets = (n: number): number => n * perUser;
  if (localWorkers !== undefined && localWorkers > 0) {
    const perWorker = Math.ceil(users / localWorkers);
    const need = clientSockets(perWorker) + FD_RESERVE;
    if (need > limits.hard) {
      const workersNeeded = Math.ceil(clientSockets(users) / Math.max(1, limits.hard - FD_RESERVE));
      problems.push(
        `each of the ${localWorkers} local worker${localWorkers === 1 ? '' : 's'} would hold up to ` +
          `${fmt(clientSockets(perWorker))} connections (${fmt(perWorker)} users), but a process may open ` +
          `at most ${fmt(limits.hard)} files (the hard limit, \`ulimit -Hn\`). Raise it to ${fmt(need)} or more ` +
          `(\`ulimit -n ${need}\` as root, or \`* hard nofile ${need}\` in /etc/security/limits.conf and ` +
          `log in again), or spread the users over more workers: \`--workers ${workersNeeded}\` ` +
          `(\`workers: ${workersNeeded}\`), or over remote workers (\`stampede master\`).`,
      );
    }
  }
  const masterSockets =
    (demoInMaster ? clientSockets(users) : 0) + (localWorkers === 0 ? clientSockets(users) : 0);
  if (masterSockets > 0) {
    const need = masterSockets + FD_RESERVE;
    const limit = Math.min(limits.soft, limits.hard);
    if (need > limit) {
      const why = [
        demoInMaster ? `the embedded demo target's side of ${fmt(clientSockets(users))} connections` : '',
        localWorkers === 0 ? `the in-process worker's ${fmt(clientSockets(users))} connections` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      const raise =
        need <= limits.hard
          ? `run \`ulimit -n ${need}\` before the run (the hard limit, ${fmt(limits.hard)}, allows it)`
          : `raise the hard limit to ${fmt(need)} or more (\`* hard nofile ${need}\` in ` +
            `/etc/security/limits.conf, then log in again)`;
      const instead = demoInMaster
        ? 'or point the run at a target in its own process (`--target URL`, or `stampede demo-target` in another shell)'
        : 'or use local worker processes (`--workers 2`)';
      problems.push(
        `this process would hold ${why} (${fmt(need)} files with its own), but it may open at most ` +
          `${fmt(limit)} (\`ulimit -n\`): ${raise}, ${instead}.`,
      );
    }
  }
  return problems.length ? `too many users for the open-file limit: ${problems.join(' And ')}` : undefined;
}

function fmt(n: number): string {
  return Number.isFinite(n) ? n.toLocaleString('en-US') : 'unlimited';
}

/** The preflight for one run: its plan, its workers, where the demo target runs, and this process's limit. */
export function checkFdLimits(
  scenario: Scenario,
  overrides: RunOverrides,
  demoInMaster: boolean,
  limits: FdLimits | undefined = readFdLimits(),
): string | undefined {
  if (!limits) return undefined;
  const remote = overrides.expectWorkers !== undefined;
  const needs: FdNeeds = {
    localWorkers: remote ? undefined : localWorkerCount(overrides.workers ?? scenario.workers, false),
    users: peakUsers(planLoad(scenario.load, overrides)),
    connectionsPerUser: connectionsPerUser(scenario),
    demoInMaster,
  };
  return fdProblem(needs, limits);
}
