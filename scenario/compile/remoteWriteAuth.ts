// `output.prometheus`'s credentials for the receiver: `bearerToken` or `basicAuth`, and `headers`
// (a tenant id such as Mimir's X-Scope-OrgID). Their values may read only `{{ env.NAME }}`, filled
// in by the run; a credential written out in the file is a warning (it ends up in the repository).
import type { Node, Scalar, YAMLMap } from 'yaml';
import { innerRange } from '../document';
import { envOnlyTemplates } from '../envTemplates';
import type { RemoteWriteAuth } from '../model';
import { CREDENTIAL_IN_FILE_HINT, remoteWriteHeaderProblem } from '../prometheusSettings';
import type { Ctx } from './context';

/** An env-only string: its env uses recorded (the run says when one has no value), other templates errors. */
function envOnly(
  ctx: Ctx,
  s: { value: string; node: Scalar },
  what: string,
  credential: boolean,
): string | undefined {
  ctx.templated.add(s.node);
  const { env, problems } = envOnlyTemplates(s.value, what);
  for (const use of env)
    ctx.index.env.push({ name: use.name, range: innerRange(ctx.parsed, s.node, use.start, use.end) });
  for (const p of problems) ctx.report.errorInside(s.node, p.start, p.end, 'bad-output', p.message);
  if (problems.length) return undefined;
  if (credential && env.length === 0 && s.value !== '')
    ctx.report.errorInside(
      s.node,
      0,
      s.value.length,
      'prometheus-credential',
      `${what}: ${CREDENTIAL_IN_FILE_HINT}`,
      undefined,
      'warning',
    );
  return s.value;
}

/**
 * The credentials under `map` (the `prometheus` map): undefined when there are none, false when
 * one is wrong (reported). `remoteWrite` says whether there is a receiver to send them to.
 */
export function compileRemoteWriteAuth(
  ctx: Ctx,
  map: YAMLMap,
  remoteWrite: boolean,
): RemoteWriteAuth | false | undefined {
  const auth: RemoteWriteAuth = { headers: {} };
  let ok = true;
  let any = false;
  const where: Node[] = [];

  const token = ctx.str(map, 'bearerToken');
  if (token) {
    any = true;
    where.push(token.node);
    const v = envOnly(ctx, token, '`bearerToken`', true);
    if (v === undefined) ok = false;
    else auth.bearerToken = v;
  }
  const basicPair = ctx.pair(map, 'basicAuth');
  const basic = ctx.map(ctx.value(map, 'basicAuth'));
  if (basicPair && basic) {
    any = true;
    where.push(basicPair.key as Node);
    const user = ctx.str(basic, 'username');
    const password = ctx.str(basic, 'password');
    const u = user && envOnly(ctx, user, '`basicAuth.username`', false);
    const p = password && envOnly(ctx, password, '`basicAuth.password`', true);
    if (u === undefined || p === undefined) ok = false;
    else auth.basicAuth = { username: u, password: p };
    if (token) {
      ctx.report.error(basicPair.key as Node, 'bad-output', 'give `bearerToken` or `basicAuth`, not both');
      ok = false;
    }
  }
  for (const pair of ctx.map(ctx.value(map, 'headers'))?.items ?? []) {
    const key = ctx.scalar(pair.key);
    if (!key) continue;
    any = true;
    where.push(key);
    const name = String(key.value);
    const problem = remoteWriteHeaderProblem(name);
    if (problem) {
      ctx.report.error(key, 'bad-output', `header \`${name}\` ${problem}`);
      ok = false;
      continue;
    }
    const value = ctx.scalar(pair.value);
    if (!value || typeof value.value !== 'string') continue; // the schema reported it
    const v = envOnly(ctx, { value: value.value, node: value }, `header \`${name}\``, false);
    if (v === undefined) ok = false;
    else auth.headers[name] = v;
  }
  if (any && !remoteWrite) {
    ctx.report.error(
      where[0],
      'bad-output',
      'credentials and headers are for `remoteWrite`, which is not set',
    );
    ok = false;
  }
  if (!ok) return false;
  return any ? auth : undefined;
}
