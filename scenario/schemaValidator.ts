// The ajv validator of the scenario schema. Compiling the schema costs ~20 MiB of peak memory and
// ~100 ms (ajv generates and optimises ~200 KB of code), which was a quarter of the CLI's memory in
// a quick run. So the bundles (esbuild.mjs) replace THIS module with the output of
// `standaloneValidatorModule()` (./schemaValidatorStandalone.ts): the same code, generated once at
// build time. Sources run directly (tests, tsx) compile it here, with the same options.
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { scenarioSchema } from './schema';

/** The one ajv configuration for the scenario schema; `source` keeps the code for standalone output. */
export function newScenarioAjv(source = false): Ajv {
  const ajv = new Ajv({ allErrors: true, verbose: true, strictTypes: false, code: { source } });
  ajv.addVocabulary(['markdownDescription']);
  return ajv;
}

export function createValidator(): ValidateFunction {
  return newScenarioAjv().compile(scenarioSchema);
}
