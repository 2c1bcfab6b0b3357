// Where each request step of a scenario is written: its user kind, task, phase and the line of its
// method key (`get: /cart`), so `try` can link every exchange back to the scenario. Steps are
// compiled in the order they are written and a runnable scenario has no error, so the model's
// indices are the YAML's.
import { isMap } from 'yaml';
import type { RequestStep, Scenario, Step } from '../../scenario/model';
import { HTTP_METHODS } from '../../scenario/model';
import { findPair, nodeAtPath, parseScenarioDocument, positionAt } from '../../scenario/document';
import type { TryPhase } from '../../common/tryResult';

export interface StepPlace {
  user: string;
  task?: string;
  phase: TryPhase;
  /** 0-based line of the method key, or of the step when that cannot be found. */
  line?: number;
}

const METHOD_KEYS = HTTP_METHODS.map((m) => m.toLowerCase());

export function stepPlaces(scenario: Scenario, source: string): Map<RequestStep, StepPlace> {
  const parsed = parseScenarioDocument(source);
  const places = new Map<RequestStep, StepPlace>();
  const lineOf = (path: Array<string | number>): number | undefined => {
    const { node } = nodeAtPath(parsed, path);
    if (!node || !isMap(node)) return node?.range ? positionAt(parsed, node.range[0]).line : undefined;
    const method = METHOD_KEYS.map((k) => findPair(node, k)).find((p) => p !== undefined);
    const at = method?.key?.range?.[0] ?? node.range?.[0];
    return at === undefined ? undefined : positionAt(parsed, at).line;
  };
  // A task or loop is either one request written inline or a list under `steps`.
  const hasSteps = (path: Array<string | number>): boolean => {
    const { node } = nodeAtPath(parsed, path);
    return isMap(node) && findPair(node, 'steps') !== undefined;
  };
  const add = (
    steps: readonly Step[],
    base: Array<string | number>,
    inline: boolean,
    place: Omit<StepPlace, 'line'>,
  ): void => {
    steps.forEach((step, i) => {
      if (step.kind !== 'request') return;
      places.set(step, { ...place, line: lineOf(inline ? base : [...base, i]) });
    });
  };
  scenario.users.forEach((kind, u) => {
    const user = ['users', u];
    add(kind.start, [...user, 'start'], false, { user: kind.name, phase: 'start' });
    kind.tasks.forEach((task, t) => {
      const at = [...user, 'tasks', t];
      const inline = !hasSteps(at);
      add(task.steps, inline ? at : [...at, 'steps'], inline, {
        user: kind.name,
        task: task.name,
        phase: 'task',
      });
    });
    kind.loops.forEach((loop, l) => {
      const at = [...user, 'loops', l];
      const inline = !hasSteps(at);
      add(loop.steps, inline ? at : [...at, 'steps'], inline, { user: kind.name, phase: 'loop' });
    });
    add(kind.stop, [...user, 'stop'], false, { user: kind.name, phase: 'stop' });
  });
  return places;
}
