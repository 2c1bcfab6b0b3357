// `stampede compare BASE.json NEW.json`: per-request and total differences between two kept runs,
// and the CI gate for "this change made it slower" (`--fail-if`, exit 1 when a rule breaks).
import { compareRuns } from '../../../common/compare';
import { comparisonMarkdown, comparisonText } from '../../compare/format';
import { readRunFile, RunFileError } from '../../compare/runFile';
import { brokenRules, parseRules, RuleError, type FailRule } from '../../compare/rules';
import { parseArgs } from '../args';
import { ExitCode } from '../../session/exitCode';
import { CliError, UsageError } from '../errors';

export const summary =
  'compare two runs (JSON results): per-request and total deltas, exit 1 if a --fail-if rule breaks';
const usage = 'stampede compare BASE.json NEW.json [--markdown] [--fail-if "p95>+10%,rps<-5%,failures>+1pp"]';

export async function run(argv: string[]): Promise<number> {
  const { positionals, flags } = parseArgs(
    argv,
    { markdown: { type: 'boolean' }, 'fail-if': { type: 'string' } },
    usage,
  );
  if (positionals.length !== 2)
    throw new UsageError(
      `compare takes two run files, the base and the new one (got ${positionals.length})`,
      usage,
    );
  let rules: FailRule[] = [];
  try {
    if (flags['fail-if'] !== undefined) rules = parseRules(flags['fail-if'] as string);
    const [base, next] = positionals.map(readRunFile);
    const comparison = compareRuns(base, next);
    const broken = brokenRules(rules, comparison.total);
    const text =
      flags.markdown === true ? comparisonMarkdown(comparison, broken) : comparisonText(comparison, broken);
    process.stdout.write(`${text}\n`);
    if (rules.length > 0 && broken.length === 0)
      process.stdout.write(`\nevery --fail-if rule held: ${rules.map((r) => r.source).join(', ')}\n`);
    return broken.length > 0 ? ExitCode.thresholdsFailed : ExitCode.ok;
  } catch (e) {
    if (e instanceof RuleError || e instanceof RunFileError)
      throw new CliError(e.message, ExitCode.invalidInput, e.hint);
    throw e;
  }
}
