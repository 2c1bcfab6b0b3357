// Test hosts in network namespaces that the test creates itself (iproute2, as root): a bridge on
// this machine with the master's address, and per host a namespace joined to it by a veth pair,
// with its own loopback for a target. Traffic between the master and a worker crosses a real
// (virtual) link that a test can cut; the load only goes to the namespace's own loopback.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export interface TestNetwork {
  /** The master's address on the bridge. */
  masterIp: string;
  namespaces: NetnsHost[];
  /** Removes every namespace, link and address it made (safe to call twice). */
  destroy(): void;
}

export interface NetnsHost {
  name: string;
  ip: string;
  /** argv prefix that runs a command inside the namespace. */
  exec: string[];
  /** Cuts the host's link (its veth on the bridge side goes down). */
  cut(): void;
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Why network namespaces cannot be made here, or undefined when they can. */
export function netnsUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'not root: creating network namespaces needs CAP_NET_ADMIN';
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
  } catch {
    return '`ip` (Debian package iproute2) is not installed';
  }
  return undefined;
}

export function createTestNetwork(namespaceCount: number): TestNetwork {
  const tag = `stp${randomBytes(2).toString('hex')}`; // interface names stay within 15 characters
  const subnet = `10.231.${randomBytes(1)[0]}`;
  const bridge = `${tag}br`;
  const made: Array<() => void> = [];
  const destroy = (): void => {
    while (made.length > 0) {
      try {
        made.pop()!();
      } catch {
        // Already gone.
      }
    }
  };
  try {
    ip('link', 'add', bridge, 'type', 'bridge');
    made.push(() => ip('link', 'del', bridge));
    ip('addr', 'add', `${subnet}.1/24`, 'dev', bridge);
    ip('link', 'set', bridge, 'up');
    const namespaces: NetnsHost[] = [];
    for (let i = 0; i < namespaceCount; i++) {
      const ns = `${tag}-${i}`;
      const outside = `${tag}h${i}`;
      const inside = `${tag}n${i}`;
      const address = `${subnet}.${10 + i}`;
      ip('netns', 'add', ns);
      made.push(() => ip('netns', 'del', ns));
      ip('link', 'add', outside, 'type', 'veth', 'peer', 'name', inside);
      made.push(() => ip('link', 'del', outside));
      ip('link', 'set', inside, 'netns', ns);
      ip('link', 'set', outside, 'master', bridge);
      ip('link', 'set', outside, 'up');
      ip('-n', ns, 'addr', 'add', `${address}/24`, 'dev', inside);
      ip('-n', ns, 'link', 'set', inside, 'up');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      namespaces.push({
        name: ns,
        ip: address,
        exec: ['ip', 'netns', 'exec', ns],
        cut: () => ip('link', 'set', outside, 'down'),
      });
    }
    return { masterIp: `${subnet}.1`, namespaces, destroy };
  } catch (err) {
    destroy();
    throw err;
  }
}
