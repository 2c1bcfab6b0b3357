// `--fail-if` rules for `stampede compare` (pure): `p95>+10%,rps<-5%,failures>+1pp`. A rule names
// a metric of the total, a direction and a change; it breaks when the change from the base run to
// the new one goes past it. Units say what kind of change: `%` relative to the base, `pp`
// percentage points (failures), `ms` (percentiles), `/s` (rps).
import { METRICS, type FigureDeltas, type Metric } from '../../common/compare';

export type ChangeUnit = '%' | 'pp' | 'ms' | '/s';

export interface FailRule {
  /** The rule as written, e.g. `p95>+10%`. */
  source: string;
  metric: Metric;
  op: '>' | '<';
  limit: number;
  unit: ChangeUnit;
}

export interface BrokenRule {
  rule: FailRule;
  /** The change measured, in the rule's unit. */
  actual: number;
  base: number;
  new: number;
}

/** A rule that cannot be read: `message` says where and what, `hint` how to fix it. */
export class RuleError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

const UNITS_OF: Record<Metric, readonly ChangeUnit[]> = {
  rps: ['%', '/s'],
  failures: ['pp', '%'],
  p50: ['%', 'ms'],
  p95: ['%', 'ms'],
  p99: ['%', 'ms'],
};

const RULE = /^\s*([a-z0-9]+)\s*([<>])\s*([+-]?\d+(?:\.\d+)?)\s*(%|pp|ms|\/s)?\s*$/i;
const EXAMPLE = 'write rules as METRIC>+N% or METRIC<-N%, e.g. --fail-if "p95>+10%,rps<-5%,failures>+1pp"';

/** Parses a comma-separated list of rules; throws RuleError naming the rule at fault. */
export function parseRules(text: string): FailRule[] {
  const parts = text.split(',');
  if (parts.every((p) => p.trim() === '')) throw new RuleError('--fail-if has no rule', EXAMPLE);
  return parts.map((part, i) => {
    const where = `--fail-if rule ${i + 1} ("${part.trim()}")`;
    const m = RULE.exec(part);
    if (m === null) throw new RuleError(`${where} is not METRIC, > or <, and a change`, EXAMPLE);
    const metric = m[1].toLowerCase();
    if (!(METRICS as readonly string[]).includes(metric))
      throw new RuleError(`${where}: unknown metric "${m[1]}"`, `metrics: ${METRICS.join(', ')}`);
    const allowed = UNITS_OF[metric as Metric];
    const unit = m[4]?.toLowerCase() as ChangeUnit | undefined;
    if (unit === undefined)
      throw new RuleError(
        `${where} has no unit`,
        `end the change with ${allowed.join(' or ')} (e.g. ${metric}>+10${allowed[0]})`,
      );
    if (!allowed.includes(unit))
      throw new RuleError(
        `${where}: ${metric} cannot change in ${unit}`,
        `use ${allowed.join(' or ')} for ${metric}`,
      );
    return {
      source: part.trim(),
      metric: metric as Metric,
      op: m[2] as '>' | '<',
      limit: Number(m[3]),
      unit,
    };
  });
}

/** The change a rule reads, in its unit. */
function changeIn(rule: FailRule, deltas: FigureDeltas): number {
  const d = deltas[rule.metric];
  return rule.unit === '%' ? d.relative : d.change;
}

/** The rules the comparison breaks, with the change measured. */
export function brokenRules(rules: readonly FailRule[], total: FigureDeltas): BrokenRule[] {
  const out: BrokenRule[] = [];
  for (const rule of rules) {
    const actual = changeIn(rule, total);
    const broken = rule.op === '>' ? actual > rule.limit : actual < rule.limit;
    if (broken) out.push({ rule, actual, base: total[rule.metric].base, new: total[rule.metric].new });
  }
  return out;
}
