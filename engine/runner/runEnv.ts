// The run's environment as templates see it. `{{ env.NAME }}` compiles to a reference named
// `env.NAME`; its value is fixed for the whole run, so it is handed to the runner as one more
// single-value variable: a request that reads only variables and env keeps its prebuilt bytes.
import type { Scenario } from '../../scenario/model';

/**
 * The scenario with the env values (from the master's start message, else the file's `env:`
 * defaults) added to its variables under `env.NAME`. Users, tasks and steps stay the same objects.
 */
export function withEnv(scenario: Scenario, env: Readonly<Record<string, string>> | undefined): Scenario {
  const values = env ?? scenario.env;
  const names = Object.keys(values);
  if (names.length === 0) return scenario;
  const variables = { ...scenario.variables };
  for (const name of names) variables[`env.${name}`] = values[name];
  return { ...scenario, variables };
}
