// `env:` (defaults for `{{ env.NAME }}`) and `secrets:` (names whose values never reach an output).
// Where the values come from at run time (flags, the process environment, a .env file) is the
// engine's business (engine/env/); here only the file's own part is checked.
import type { Node } from 'yaml';
import { mapPairs, scalarText } from '../document';
import { TEMPLATE_NAME } from '../templates';
import type { Ctx } from './context';

export interface EnvPart {
  env: Record<string, string>;
  secrets: string[];
}

const ENV_NAME_HINT = 'use letters, digits and _ (not starting with a digit), as in `API_TOKEN`';

function compileDefaults(
  ctx: Ctx,
  node: Node | null,
): { env: Record<string, string>; keys: Map<string, Node> } {
  const env: Record<string, string> = {};
  const keys = new Map<string, Node>();
  const map = ctx.map(node);
  if (!map) return { env, keys };
  for (const { key, pair } of mapPairs(map)) {
    const keyNode = pair.key as Node;
    if (!TEMPLATE_NAME.test(key)) {
      ctx.report.error(
        keyNode,
        'bad-name',
        `\`${key}\` is not an environment variable name: ${ENV_NAME_HINT}`,
      );
      continue;
    }
    keys.set(key, keyNode);
    const value = ctx.scalar(pair.value);
    if (value === undefined || value.value === null || typeof value.value === 'object') {
      // A list or mapping is a schema error; an empty value is a person's unfinished line.
      if (value?.value === null || pair.value === null)
        ctx.report.error(
          keyNode,
          'empty-env',
          `\`${key}\` has no default: give one, or remove it from \`env\``,
        );
      continue;
    }
    env[key] = scalarText(value.value);
  }
  return { env, keys };
}

function compileSecrets(ctx: Ctx, node: Node | null, defaults: Map<string, Node>): string[] {
  const secrets: string[] = [];
  for (const item of ctx.seqItems(node)) {
    const s = ctx.scalar(item);
    if (!s || typeof s.value !== 'string') continue;
    const name = s.value;
    if (!TEMPLATE_NAME.test(name)) {
      ctx.report.error(s, 'bad-name', `\`${name}\` is not an environment variable name: ${ENV_NAME_HINT}`);
      continue;
    }
    if (secrets.includes(name)) {
      ctx.report.warning(s, 'duplicate-name', `\`${name}\` is listed twice in \`secrets\``);
      continue;
    }
    secrets.push(name);
    const written = defaults.get(name);
    if (written)
      ctx.report.warning(
        written,
        'secret-in-file',
        `\`${name}\` is a secret, but its value is written in the file for anyone who reads it: pass it with \`--env\`, the environment or a .env file that is not committed`,
      );
  }
  return secrets;
}

export function compileEnv(ctx: Ctx, envNode: Node | null, secretsNode: Node | null): EnvPart {
  const { env, keys } = compileDefaults(ctx, envNode);
  const secrets = compileSecrets(ctx, secretsNode, keys);
  ctx.index.envNames.push(...new Set([...keys.keys(), ...secrets]));
  return { env, secrets };
}
