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
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, [base.fsPath, ...parts].join('/'));
  }
  toString(): string {
    return `${this.scheme}://${this.fsPath}`;
  }
}

export const ViewColumn = { Beside: -2 };

/** A webview panel that records what the extension posts and lets a test send messages to it. */
export class FakePanel {
  visible = true;
  disposed = false;
  posted: unknown[] = [];
  private receive: ((m: unknown) => void) | undefined;
  private disposeListeners: (() => void)[] = [];
  webview = {
    options: {} as Record<string, unknown>,
    html: '',
    cspSource: 'https://webview.test',
    asWebviewUri: (u: Uri) => u,
    postMessage: (m: unknown) => {
      this.posted.push(m);
      return Promise.resolve(true);
    },
    onDidReceiveMessage: (l: (m: unknown) => void) => {
      this.receive = l;
      return { dispose: () => (this.receive = undefined) };
    },
  };
  constructor(
    readonly viewType: string,
    public title: string,
  ) {}
  /** The page sends a message to the extension. */
  send(m: unknown): void {
    this.receive?.(m);
  }
  reveal(): void {
    this.visible = true;
  }
  onDidDispose(l: () => void): { dispose(): void } {
    this.disposeListeners.push(l);
    return { dispose() {} };
  }
  dispose(): void {
    this.disposed = true;
    for (const l of this.disposeListeners) l();
  }
}

export const panels: FakePanel[] = [];
export const serializers = new Map<
  string,
  { deserializeWebviewPanel(panel: FakePanel, state: unknown): Promise<void> }
>();
export const written = new Map<string, string>();
export const dialog: { saveTo: Uri | undefined } = { saveTo: undefined };
/** What the person picks in a quick pick: a test sets `choose` (default: cancel). */
export const quickPick: { choose: (items: readonly { label: string }[]) => unknown } = {
  choose: () => undefined,
};

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
  createWebviewPanel: (viewType: string, title: string) => {
    const panel = new FakePanel(viewType, title);
    panels.push(panel);
    return panel;
  },
  registerWebviewPanelSerializer: (
    viewType: string,
    serializer: { deserializeWebviewPanel(panel: FakePanel, state: unknown): Promise<void> },
  ) => {
    serializers.set(viewType, serializer);
    return { dispose: () => serializers.delete(viewType) };
  },
  showSaveDialog: () => Promise.resolve(dialog.saveTo),
  showQuickPick: (items: readonly { label: string }[]) => Promise.resolve(quickPick.choose(items)),
  showTextDocument: record('showTextDocument'),
  showInformationMessage: record('info'),
  showWarningMessage: record('warning'),
  showErrorMessage: record('error'),
};

export const commands = { executeCommand: record('command') };

export const workspace = {
  isTrusted: true,
  workspaceFolders: undefined,
  asRelativePath: (u: Uri) => u.fsPath,
  fs: {
    writeFile: (u: Uri, bytes: Uint8Array) => {
      written.set(u.fsPath, Buffer.from(bytes).toString('utf8'));
      return Promise.resolve();
    },
    /** Files on the real disk (fixtures); `stat` knows only what the extension wrote. */
    readFile: (u: Uri) => import('node:fs').then((fs) => fs.promises.readFile(u.fsPath)),
    stat: (u: Uri) => (written.has(u.fsPath) ? Promise.resolve({}) : Promise.reject(new Error('ENOENT'))),
  },
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
