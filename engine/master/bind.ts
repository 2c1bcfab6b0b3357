// Where the master listens. Loopback by default; anything reachable from other machines needs a
// shared token, because a worker runs whatever scenario its master sends it. Every ZeroMQ run is
// authenticated by a token (local runs make their own); see engine/transport/curveKeys.ts.

export const DEFAULT_BIND = 'tcp://127.0.0.1:0';

/** The network host of a ZeroMQ tcp:// address (`0.0.0.0`, `::1`, a name), or undefined. */
function addressHost(address: string): string | undefined {
  const m = /^tcp:\/\/(\[[^\]]*\]|[^:/]*)(?::\d+|:\*)?\/?$/.exec(address);
  return m ? m[1].replace(/^\[|\]$/g, '') : undefined;
}

export function isLoopbackAddress(address: string): boolean {
  if (!address.startsWith('tcp://')) return !/^(tcp|pgm|epgm|udp|ws|wss):/.test(address);
  const bindHost = addressHost(address);
  return (
    bindHost !== undefined && (bindHost === 'localhost' || bindHost === '::1' || /^127\./.test(bindHost))
  );
}

/** Remote workers (`stampede master`) must share a token with the master, even on loopback: other local users are not trusted. */
export const remoteNeedsToken =
  'remote workers need a shared token: set STAMPEDE_TOKEN (or --token T) for the master and every worker; the token never crosses the wire (both sides derive their encryption keys from it)';

/** A message for the person when the bind address is unsafe or malformed, else undefined. */
export function checkBind(address: string, token: string | undefined): string | undefined {
  if (address.startsWith('tcp://') && addressHost(address) === undefined) {
    return `invalid bind address "${address}": expected tcp://HOST:PORT, e.g. tcp://0.0.0.0:5557`;
  }
  if (!isLoopbackAddress(address) && !token) {
    return `binding the master to ${address} lets other machines connect as workers: set a shared token with --token T (or STAMPEDE_TOKEN) and give the same token to every worker`;
  }
  return undefined;
}
