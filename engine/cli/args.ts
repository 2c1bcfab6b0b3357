// A small, strict argument parser: every flag is declared; an unknown flag, a missing value or a
// value of the wrong type is a UsageError naming the flag (exit 2), never a silent default.
import { UsageError } from './errors';

export type FlagType = 'string' | 'number' | 'boolean';
export interface FlagSpec {
  type: FlagType;
  /** One-letter alias, e.g. `c` for `-c`. */
  alias?: string;
  /** A string flag that may be given several times (`--env A=1 --env B=2`): its values go to `lists`. */
  repeatable?: boolean;
}
export interface Parsed {
  positionals: string[];
  flags: Record<string, string | number | boolean | undefined>;
  /** Every value of each repeatable flag, in order. */
  lists: Record<string, string[]>;
}

export function parseArgs(argv: string[], spec: Record<string, FlagSpec>, usage: string): Parsed {
  const byAlias = new Map<string, string>();
  for (const [name, s] of Object.entries(spec)) if (s.alias) byAlias.set(s.alias, name);
  const flags: Parsed['flags'] = {};
  const lists: Parsed['lists'] = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    } else {
      const alias = arg.slice(1);
      const full = byAlias.get(alias);
      if (!full) throw new UsageError(`unknown option ${arg}`, usage);
      name = full;
    }
    const s = spec[name];
    if (!s) throw new UsageError(`unknown option --${name}`, usage);
    if (s.type === 'boolean') {
      if (inline !== undefined && inline !== 'true' && inline !== 'false') {
        throw new UsageError(`--${name} takes no value (got "${inline}")`, usage);
      }
      flags[name] = inline !== 'false';
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`, usage);
    if (s.type === 'number') {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n))
        throw new UsageError(`--${name} needs a number (got "${value}")`, usage);
      flags[name] = n;
    } else if (s.repeatable) {
      (lists[name] ??= []).push(value);
    } else {
      flags[name] = value;
    }
  }
  return { positionals, flags, lists };
}

/** A whole number >= min, or a UsageError naming the flag. */
export function wholeNumber(
  value: number | undefined,
  flag: string,
  min: number,
  usage: string,
): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min)
    throw new UsageError(`--${flag} needs a whole number >= ${min} (got ${value})`, usage);
  return value;
}
