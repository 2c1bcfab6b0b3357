// Which local address a new connection binds to. One source address reaches one target
// address:port with at most about 28,000 connections (Linux's ephemeral ports, 32768-60999), so a
// run of 100,000 users needs several: the scenario's `sourceAddresses:` (a machine's NIC
// addresses), or, for an IPv4 loopback target on Linux, where all of 127.0.0.0/8 is local,
// 127.0.0.2 ... 127.0.0.17 by themselves. IPv6 loopback is the one address ::1: it cannot be spread.
// Addresses are taken round robin per connection, so each carries an even share.

/** Automatic loopback sources: 16 addresses, room for ~450,000 connections to one target port. */
export const LOOPBACK_SOURCES: readonly string[] = Array.from({ length: 16 }, (_, i) => `127.0.0.${i + 2}`);

interface Pool {
  addresses: readonly string[];
  next: number;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const pools = new Map<string, Pool | null>();
let poolsFor: readonly string[] | undefined;

/**
 * The local address for the next connection to `hostname`, or undefined to let the kernel choose.
 * `configured` is the scenario's `sourceAddresses` (checked by the language: IP literals of the
 * target's family); without it only IPv4 loopback targets are spread, and only on Linux (macOS
 * has just 127.0.0.1 on lo0).
 */
export function sourceAddressFor(
  hostname: string,
  configured: readonly string[] | undefined,
): string | undefined {
  if (configured !== poolsFor) {
    pools.clear();
    poolsFor = configured;
  }
  let pool = pools.get(hostname);
  if (pool === undefined) pools.set(hostname, (pool = makePool(hostname, configured)));
  if (pool === null) return undefined;
  const address = pool.addresses[pool.next];
  pool.next = (pool.next + 1) % pool.addresses.length;
  return address;
}

function makePool(hostname: string, configured: readonly string[] | undefined): Pool | null {
  if (configured !== undefined && configured.length > 0) {
    // A host name resolves to either family: keep the list as written (the language asked for one family).
    const v4 = IPV4.test(hostname);
    const v6 = hostname.includes(':');
    const fit = configured.filter((a) => (v4 ? IPV4.test(a) : v6 ? a.includes(':') : true));
    return fit.length ? { addresses: fit, next: 0 } : null;
  }
  if (process.platform === 'linux' && IPV4.test(hostname) && hostname.startsWith('127.'))
    return { addresses: LOOPBACK_SOURCES, next: 0 };
  return null;
}
