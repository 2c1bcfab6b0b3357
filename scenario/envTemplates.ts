// Settings the run fills in from the environment only (a database URL, a receiver's credentials):
// the one `{{ }}` they may hold is `{{ env.NAME }}`, resolved by the run like any env value. Pure.

/** One `{{ env.NAME }}` in a value, at `start..end` of it. */
export interface EnvTemplateUse {
  name: string;
  start: number;
  end: number;
}

/** A `{{ }}` that is not an env value, at `start..end` of the value. */
export interface EnvTemplateProblem {
  start: number;
  end: number;
  message: string;
}

const TEMPLATE = /\{\{(.*?)\}\}/g;
const ENV_TEMPLATE = /^\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*$/;
const FILL = /\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The env names `value` reads, and a problem for each other template; `what` names the setting. */
export function envOnlyTemplates(
  value: string,
  what: string,
): { env: EnvTemplateUse[]; problems: EnvTemplateProblem[] } {
  const env: EnvTemplateUse[] = [];
  const problems: EnvTemplateProblem[] = [];
  for (const m of value.matchAll(TEMPLATE)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const name = ENV_TEMPLATE.exec(m[1])?.[1];
    if (name) env.push({ name, start, end });
    else
      problems.push({ start, end, message: `${what} can read only environment values, \`{{ env.NAME }}\`` });
  }
  return { env, problems };
}

/** `value` with each `{{ env.NAME }}` replaced by `fill(its value)`; a name without a value gives ''. */
export function fillEnvTemplates(
  value: string,
  env: Readonly<Record<string, string>>,
  fill: (v: string) => string = (v) => v,
): string {
  return value.replace(FILL, (_, name: string) => fill(env[name] ?? ''));
}
