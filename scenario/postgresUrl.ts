// `output.postgres`: the URL of the PostgreSQL database a run writes to. Pure checks for `check`
// and the editor. A scenario is committed to a repository, so a password written in it is a
// leaked password: the URL may read `{{ env.NAME }}` values (resolved by the run like any env
// value) and otherwise libpq's PG* variables (PGPASSWORD, ...) fill in what it leaves out.

import { envOnlyTemplates, type EnvTemplateUse } from './envTemplates';

/** One `{{ env.NAME }}` in the URL, at `start..end` of the value. */
export type PostgresUrlEnvUse = EnvTemplateUse;

export interface PostgresUrlProblem {
  start: number;
  end: number;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

export const POSTGRES_URL_EXAMPLE = 'postgres://stampede@127.0.0.1:5432/loadtests';
const SCHEME = /^postgres(?:ql)?:\/\//;
const PASSWORD_HINT =
  'a password written in a scenario ends up in its repository: leave it out and set PGPASSWORD in the environment, or write `{{ env.PGPASSWORD }}` (given with --env, a .env file or the environment)';

/** The env names the URL reads and what is wrong with it (nothing for a good URL). */
export function checkPostgresUrl(value: string): {
  env: PostgresUrlEnvUse[];
  problems: PostgresUrlProblem[];
} {
  const templates = envOnlyTemplates(value, '`output.postgres`');
  const env = templates.env;
  const problems: PostgresUrlProblem[] = templates.problems.map((p) => ({
    ...p,
    severity: 'error',
    code: 'bad-output',
  }));
  if (!SCHEME.test(value)) {
    problems.push({
      start: 0,
      end: Math.max(1, value.indexOf(':') + 1 || value.length),
      severity: 'error',
      code: 'bad-output',
      message: `\`output.postgres\` is a PostgreSQL URL starting with postgres:// (e.g. \`${POSTGRES_URL_EXAMPLE}\`)`,
    });
    return { env, problems };
  }
  const password = inlinePassword(value, env);
  if (password)
    problems.push({ ...password, severity: 'warning', code: 'postgres-password', message: PASSWORD_HINT });
  return { env, problems };
}

/** Where a literal password sits in the URL (user:PASSWORD@ or ?password=), if it has one. */
function inlinePassword(value: string, env: PostgresUrlEnvUse[]): { start: number; end: number } | undefined {
  const isEnvOnly = (start: number, end: number): boolean =>
    env.some((u) => u.start === start && u.end === end);
  const schemeEnd = value.indexOf('//') + 2;
  const rest = value.slice(schemeEnd);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at > 0) {
    const colon = authority.indexOf(':');
    if (colon >= 0 && colon < at - 1) {
      const start = schemeEnd + colon + 1;
      const end = schemeEnd + at;
      if (!isEnvOnly(start, end)) return { start, end };
    }
  }
  const query = /[?&]password=([^&#]*)/.exec(value);
  if (query && query[1] !== '') {
    const start = (query.index ?? 0) + query[0].length - query[1].length;
    const end = start + query[1].length;
    if (!isEnvOnly(start, end)) return { start, end };
  }
  return undefined;
}
