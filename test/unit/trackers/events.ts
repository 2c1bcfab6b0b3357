// Builders for tracker tests: events with explicit trace ids and attributes, and filters written
// as objects (the parser lives in scenario/filters.ts; these tests pin the engine's semantics).
import type { EventFilter, FilterCondition, TrackerSpec } from '../../../scenario/model';
import type { EngineEvent } from '../../../engine/trackers/types';

export interface EventInit {
  ts: number;
  user?: number;
  iteration?: number;
  stage?: number;
  attrs?: Record<string, string | number | boolean>;
}

export function event(type: string, init: EventInit): EngineEvent {
  const attrs = init.attrs ?? {};
  return {
    type,
    ts: init.ts,
    trace: { run: 'run-1', stage: init.stage ?? 0, user: init.user ?? 0, iteration: init.iteration ?? 0 },
    attr: (name) => attrs[name],
  };
}

/** A `request` event with a name and optional other attributes. */
export function request(name: string, init: EventInit): EngineEvent {
  return event('request', { ...init, attrs: { name, method: 'GET', ok: true, status: 200, ...init.attrs } });
}

export function cond(
  attr: string,
  op: FilterCondition['op'],
  value: FilterCondition['value'],
): FilterCondition {
  return { attr, op, value };
}

export function filter(
  eventType: string,
  conditions: FilterCondition[] = [],
  selector?: EventFilter['selector'],
): EventFilter {
  const conds = conditions.map((c) => `${c.attr}${c.op}${JSON.stringify(c.value)}`).join(', ');
  const sel = selector ? `:${selector.kind}${selector.kind === 'nth' ? `(${selector.n})` : ''}` : '';
  return { source: `${eventType}${conds ? `[${conds}]` : ''}${sel}`, eventType, conditions, selector };
}

export function tracker(metric: string, start: EventFilter, end: EventFilter): TrackerSpec {
  return { metric, start, end };
}

/** The job tracker of the example: submit, then the first status poll that says done. */
export function jobTracker(metric = 'job latency'): TrackerSpec {
  return tracker(
    metric,
    filter('request', [cond('name', '=', 'submit job')]),
    filter('request', [cond('name', '=', 'job status'), cond('json.state', '=', 'done')], { kind: 'first' }),
  );
}
