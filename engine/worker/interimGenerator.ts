// Interim stand-in for engine/runner while it is being written: closed-model users that loop over
// the first request step of their first task (GET only, no templates), and an open model that
// starts iterations on a timer. Replaced in deps.ts when the real runner lands.
import http from 'node:http';
import type { RequestStep } from '../../scenario/model';
import type { LoadGenerator, LoadShare } from '../runner/types';
import type { GeneratorContext } from './deps';

export function createInterimGenerator(ctx: GeneratorContext): LoadGenerator {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1000 });
  const step = ctx.scenario.users
    .flatMap((u) => u.tasks)
    .flatMap((t) => t.steps)
    .find((s): s is RequestStep => s.kind === 'request');
  const base = ctx.target ?? ctx.scenario.target ?? 'http://127.0.0.1/';
  const url = new URL(
    step ? step.url.parts.map((p) => (typeof p === 'string' ? p : '')).join('') : '/',
    base,
  );
  const name = step?.name ?? url.pathname;
  const recorder = ctx.collector.entry(name, 'GET');
  let target = 0;
  let running = 0;
  let stopped = false;
  let arrivalTimer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();

  const once = (): Promise<void> =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = http.get(url, { agent, timeout: ctx.scenario.defaults.timeoutMs }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => {
          const ms = performance.now() - t0;
          if ((res.statusCode ?? 0) < 400) recorder.success(ms, bytes);
          else recorder.failure(ms, bytes, `HTTP ${res.statusCode}`);
          resolve();
        });
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e) => {
        recorder.failure(performance.now() - t0, 0, e.message);
        resolve();
      });
    });

  const track = (p: Promise<void>): Promise<void> => {
    inFlight.add(p);
    return p.finally(() => inFlight.delete(p));
  };

  const think = ctx.scenario.users[0]?.think ?? { kind: 'none' as const };
  const pause = (elapsedMs: number): Promise<void> | undefined => {
    const ms =
      think.kind === 'constant'
        ? think.ms
        : think.kind === 'between'
          ? think.minMs + Math.random() * (think.maxMs - think.minMs)
          : think.kind === 'pacing'
            ? think.ms - elapsedMs
            : 0;
    return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : undefined;
  };

  const userLoop = async (): Promise<void> => {
    running++;
    while (!stopped && running <= target) {
      const t0 = performance.now();
      await track(once());
      const p = pause(performance.now() - t0);
      if (p) await p;
    }
    running--;
  };

  return {
    get users() {
      return ctx.scenario.load.model === 'open' ? inFlight.size : running;
    },
    setLoad(share: LoadShare) {
      if (stopped) return;
      if (share.model === 'closed') {
        target = share.users;
        for (let i = running; i < target; i++) void userLoop();
      } else {
        if (arrivalTimer) clearInterval(arrivalTimer);
        arrivalTimer = undefined;
        if (share.arrivalRate <= 0) return;
        let due = 0;
        let last = performance.now();
        arrivalTimer = setInterval(() => {
          const now = performance.now();
          due += ((now - last) / 1000) * share.arrivalRate;
          last = now;
          for (; due >= 1; due--) {
            if (inFlight.size >= share.maxUsers) ctx.collector.iterationDropped();
            else {
              ctx.collector.iterationStarted();
              void track(once());
            }
          }
        }, 10);
      }
    },
    drain(final: boolean) {
      return { ...ctx.collector.drain(), trackers: ctx.trackers.drain(final) };
    },
    async stop() {
      stopped = true;
      target = 0;
      if (arrivalTimer) clearInterval(arrivalTimer);
      await Promise.all([...inFlight]);
      agent.destroy();
    },
  };
}
