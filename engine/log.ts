// The engine's logger. engine/ never writes to the console directly (the CLI and the extension
// decide where logs go: stderr, an output channel, the IPC channel).
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
