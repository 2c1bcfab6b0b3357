// `stampede host`: the engine process of the VS Code extension (IPC channel only; not for people).
import { startDemoTarget } from '../../demo/server';
import { ipcChannel, runHost } from '../../host/host';
import { ExitCode } from '../../session/exitCode';

export const summary = 'the engine process of the VS Code extension (internal)';

export async function run(_argv: string[]): Promise<number> {
  if (!process.connected) {
    process.stderr.write(
      'stampede host is started by the VS Code extension (it needs an IPC channel); use `stampede run FILE` instead\n',
    );
    return ExitCode.invalidInput;
  }
  const code = await runHost(ipcChannel(), { startDemoTarget: () => startDemoTarget() });
  if (process.connected) process.disconnect();
  return code;
}
