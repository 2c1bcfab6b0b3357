// The headers remote write sends to log in (`output.prometheus` bearerToken / basicAuth / headers),
// with their `{{ env.NAME }}` values filled in from the run's env, and the values every message
// about the receiver must mask: a receiver's error text may quote what it was sent.
import { fillEnvTemplates } from '../../scenario/envTemplates';
import type { RemoteWriteAuth } from '../../scenario/model';
import { createSecretMask, type SecretMask } from '../secrets/mask';

export interface RemoteWriteLogin {
  headers: Record<string, string>;
  mask: SecretMask;
}

export function remoteWriteLogin(
  auth: RemoteWriteAuth | undefined,
  env: Readonly<Record<string, string>>,
): RemoteWriteLogin {
  const headers: Record<string, string> = {};
  const secrets: string[] = [];
  if (auth?.bearerToken !== undefined) {
    const token = fillEnvTemplates(auth.bearerToken, env);
    headers.Authorization = `Bearer ${token}`;
    secrets.push(token);
  }
  if (auth?.basicAuth) {
    const user = fillEnvTemplates(auth.basicAuth.username, env);
    const password = fillEnvTemplates(auth.basicAuth.password, env);
    const encoded = Buffer.from(`${user}:${password}`).toString('base64');
    headers.Authorization = `Basic ${encoded}`;
    secrets.push(password, encoded);
  }
  for (const [name, value] of Object.entries(auth?.headers ?? {})) {
    const filled = fillEnvTemplates(value, env);
    headers[name] = filled;
    // A header that reads the environment may carry a credential: mask what was filled in.
    if (filled !== value) secrets.push(filled);
  }
  return { headers, mask: createSecretMask(secrets) };
}
