// The shared token of `stampede master` and `stampede worker`: from STAMPEDE_TOKEN (preferred: a
// process's environment is readable by its user only) or --token (visible in `ps`). It is removed
// from this process's environment once read, so nothing this process starts inherits it.
import { remoteNeedsToken } from '../master/bind';
import { UsageError } from './errors';

export function readToken(flag: string | undefined, usage: string): string {
  const token = flag ?? process.env.STAMPEDE_TOKEN;
  delete process.env.STAMPEDE_TOKEN;
  if (!token) throw new UsageError(remoteNeedsToken, usage);
  return token;
}
