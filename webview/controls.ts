// Run controls: Stop, change users live, export. Each posts one FromWebview message; the panel
// never acts on the run itself.
import type { RunSnapshot } from '../common/snapshot';
import type { FromWebview } from '../common/protocol/webview';

/** Parses the users field: a whole number from 0 up, or an error message for the person. */
export function parseUsers(raw: string): { users: number } | { error: string } {
  const t = raw.trim();
  if (!/^\d+$/.test(t)) return { error: 'Enter a whole number of users (0 or more).' };
  const users = Number(t);
  if (!Number.isSafeInteger(users)) return { error: 'That number of users is too large.' };
  return { users };
}

export class Controls {
  readonly element = document.createElement('form');
  private readonly stop = document.createElement('button');
  private readonly users = document.createElement('input');
  private readonly apply = document.createElement('button');
  private readonly message = document.createElement('span');
  private readonly exports: HTMLButtonElement[] = [];
  /** True while the person has typed a value not yet applied: snapshots must not overwrite it. */
  private dirty = false;

  constructor(private readonly post: (m: FromWebview) => void) {
    const f = this.element;
    f.className = 'controls';
    f.setAttribute('aria-label', 'Run controls');
    f.noValidate = true;

    this.stop.type = 'button';
    this.stop.className = 'stop';
    this.stop.textContent = 'Stop';
    this.stop.addEventListener('click', () => this.post({ kind: 'stop' }));

    const label = document.createElement('label');
    label.textContent = 'Users';
    label.htmlFor = this.users.id = 'users-input';
    this.users.type = 'number';
    this.users.min = '0';
    this.users.step = '1';
    this.users.inputMode = 'numeric';
    this.users.addEventListener('input', () => {
      this.dirty = true;
      this.message.textContent = '';
    });
    this.apply.type = 'submit';
    this.apply.textContent = 'Apply';
    this.message.className = 'message';
    this.message.setAttribute('role', 'status');
    f.addEventListener('submit', (e) => {
      e.preventDefault();
      this.applyUsers();
    });

    const group = document.createElement('span');
    group.className = 'group';
    group.append(label, this.users, this.apply);
    const exportGroup = document.createElement('span');
    exportGroup.className = 'group exports';
    for (const format of ['json', 'csv'] as const) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'secondary';
      b.dataset.export = format;
      b.textContent = `Export ${format.toUpperCase()}`;
      b.addEventListener('click', () => this.post({ kind: 'export', format }));
      this.exports.push(b);
      exportGroup.append(b);
    }
    f.append(this.stop, group, this.message, exportGroup);
    this.render(null);
  }

  render(s: RunSnapshot | null): void {
    const live = s !== null && (s.state === 'running' || s.state === 'starting');
    this.stop.disabled = !live;
    this.users.disabled = this.apply.disabled = !live;
    for (const b of this.exports) b.disabled = s === null;
    if (!live) this.dirty = false;
    if (!this.dirty && document.activeElement !== this.users)
      this.users.value = s ? String(s.targetUsers) : '';
  }

  private applyUsers(): void {
    const parsed = parseUsers(this.users.value);
    if ('error' in parsed) {
      this.message.textContent = parsed.error;
      this.users.setAttribute('aria-invalid', 'true');
      return;
    }
    this.users.removeAttribute('aria-invalid');
    this.message.textContent = `Asked for ${parsed.users} users.`;
    this.dirty = false;
    this.post({ kind: 'setUsers', users: parsed.users });
  }
}
