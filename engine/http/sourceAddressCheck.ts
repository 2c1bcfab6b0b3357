// The run-start check of `sourceAddresses:`: each must be an address of this machine, or every
// connection from it would fail with EADDRNOTAVAIL. Binding a listener on port 0 of the address is
// the kernel's own answer (it also accepts all of 127.0.0.0/8 on Linux, which
// os.networkInterfaces() lists as 127.0.0.1 only).
import net from 'node:net';

function bindable(address: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    server.listen({ host: address, port: 0, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/** What is wrong with the list on this machine, or undefined when every address is its own. */
export async function checkSourceAddresses(addresses: readonly string[]): Promise<string | undefined> {
  const bad: string[] = [];
  for (const address of addresses) {
    const code = await bindable(address);
    if (code !== undefined) bad.push(code === 'EADDRNOTAVAIL' ? address : `${address} (${code})`);
  }
  if (bad.length === 0) return undefined;
  return (
    `\`sourceAddresses\`: ${bad.join(', ')} ${bad.length === 1 ? 'is' : 'are'} not an address of this machine: ` +
    'list only addresses its interfaces have (`ip -brief address` shows them), or add the address to an interface ' +
    '(`ip address add ADDRESS/24 dev eth0`, as root)'
  );
}
