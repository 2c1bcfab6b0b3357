// The thinnest `vscode` the client's edge needs, for tests outside VS Code: records what the
// extension shows and runs, and lets a test set trust and settings. Loaded in place of `vscode`
// by useFakeVscode.ts.
export const calls: { kind: string; args: unknown[] }[] = [];
export const settings = new Map<string, unknown>();
export const documents = new Map<string, string>();

function record(kind: string) {
  return (...args: unknown[]): Promise<undefined> => {
    calls.push({ kind, args });
    return Promise.resolve(undefined);
  };
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly fsPath: string,
  ) {}
  static file(p: string): Uri {
    return new Uri('file', p);
  }
  static parse(s: string): Uri {
    return new Uri(s.split(':')[0], s.replace(/^file:\/\//, ''));
  }
  toString(): string {
    return `${this.scheme}://${this.fsPath}`;
  }
}

export class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  event = (listener: (e: T) => void): { dispose(): void } => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export const window = {
  showInformationMessage: record('info'),
  showWarningMessage: record('warning'),
  showErrorMessage: record('error'),
};

export const commands = { executeCommand: record('command') };

export const workspace = {
  isTrusted: true,
  getConfiguration: () => ({
    get: <T>(key: string, fallback: T): T => (settings.has(key) ? (settings.get(key) as T) : fallback),
  }),
  getWorkspaceFolder: () => undefined,
  openTextDocument: (uri: Uri) => {
    const text = documents.get(uri.fsPath);
    if (text === undefined) return Promise.reject(new Error(`no such document ${uri.fsPath}`));
    return Promise.resolve({ uri, fileName: uri.fsPath, getText: () => text });
  },
};
