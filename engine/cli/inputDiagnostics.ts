// Diagnostics that need the machine, not just the text: env names without a value anywhere
// (a warning in `check`; `run` stops with exit 2) and multipart files that cannot be read.
import type { Diagnostic } from '../../scenario/diagnostic';
import { envLookup, type EnvSources } from '../inputs/envSources';
import { missingEnv } from '../inputs/runInputs';
import { readScenarioFile } from '../inputs/runFiles';
import type { LoadedScenario } from './scenarioFile';

export function inputDiagnostics(loaded: LoadedScenario, file: string, sources: EnvSources): Diagnostic[] {
  const out: Diagnostic[] = [];
  const scenario = loaded.env;
  if (!scenario) return out;
  const lookup = envLookup(scenario, file, sources);
  for (const m of missingEnv(scenario, lookup))
    for (const use of m.uses)
      out.push({
        range: use.range,
        severity: 'warning',
        code: 'env-no-value',
        message: `\`env.${m.name}\` has no value here: a run stops before it starts; give one with --env ${m.name}=VALUE, the environment, a .env file beside the scenario, or \`env:\` in the scenario`,
      });
  for (const f of loaded.files) {
    const r = readScenarioFile(file, f.name);
    if (typeof r === 'string')
      out.push({
        range: f.range,
        severity: 'error',
        code: 'bad-file',
        message: `cannot upload \`${f.name}\`: ${r}`,
      });
  }
  return out;
}
