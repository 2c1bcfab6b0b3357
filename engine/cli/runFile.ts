// What `stampede run` and `stampede master` do once their flags are read: load the scenario file
// (a file with errors is exit 2), resolve its env values, files and data sets, and run it with
// the overrides the command built from its own flags.
import type { RunOverrides } from '../../common/protocol/host';
import type { Parsed } from './args';
import { runInputsOf } from './envFlags';
import { executeRun } from './execute';
import { loadRunnableScenario } from './scenarioFile';

/**
 * Runs `file`; `parsed` carries the shared flags (--allow-output-outside, --force, --json, --quiet,
 * --env...). `stepSummary`: a file the Markdown summary is appended to as well; by default GitHub
 * Actions' GITHUB_STEP_SUMMARY (a file per step for the job summary), for `run` and `master` alike.
 */
export function runScenarioFile(
  file: string,
  parsed: Parsed,
  overrides: RunOverrides,
  stepSummary: string | undefined = process.env.GITHUB_STEP_SUMMARY || undefined,
): Promise<number> {
  const { flags } = parsed;
  const allowOutputOutside = flags['allow-output-outside'] === true;
  const { source, scenario } = loadRunnableScenario(file, { allowOutputOutside });
  return executeRun({
    file,
    source,
    scenario,
    inputs: runInputsOf(parsed, scenario, file),
    outputPolicy: { allowOutside: allowOutputOutside, force: flags.force === true },
    overrides,
    json: flags.json === true,
    progress: flags.quiet !== true,
    stepSummary,
  });
}
