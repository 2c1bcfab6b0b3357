// Build time only (esbuild.mjs): the CommonJS source that replaces ./schemaValidator.ts in the
// bundles, i.e. ajv's standalone code for the scenario schema plus the same `createValidator`
// export. Its `require("ajv/dist/runtime/...")` calls are bundled like any other import.
import standaloneCode from 'ajv/dist/standalone';
import { scenarioSchema } from './schema';
import { newScenarioAjv } from './schemaValidator';

export function standaloneValidatorModule(): string {
  const ajv = newScenarioAjv(true);
  const code = standaloneCode(ajv, ajv.compile(scenarioSchema));
  // The standalone code ends with `module.exports = validateN`; expose it under the source's name.
  return `${code}\n;(function (validate) {\n  module.exports = { createValidator: () => validate };\n})(module.exports);\n`;
}
export { scenarioSchema } from './schema';
