// The baseline row of the panel: "Compare with…" asks the host to list earlier runs (it shows a
// quick pick), and while a baseline is shown, its name and "Clear". Posts messages only.
import type { FromWebview } from '../common/protocol/webview';

export class BaselineBar {
  readonly element = document.createElement('div');
  private readonly choose = document.createElement('button');
  private readonly label = document.createElement('span');
  private readonly clear = document.createElement('button');

  constructor(post: (m: FromWebview) => void) {
    this.element.className = 'baseline-bar';
    this.choose.type = 'button';
    this.choose.className = 'secondary';
    this.choose.dataset.action = 'choose-baseline';
    this.choose.addEventListener('click', () => post({ kind: 'chooseBaseline' }));
    this.label.className = 'baseline-label';
    this.clear.type = 'button';
    this.clear.className = 'secondary';
    this.clear.dataset.action = 'clear-baseline';
    this.clear.textContent = 'Clear baseline';
    this.clear.addEventListener('click', () => post({ kind: 'clearBaseline' }));
    this.element.append(this.choose, this.label, this.clear);
    this.render(null);
  }

  render(label: string | null): void {
    this.choose.textContent = label ? 'Compare with another run…' : 'Compare with an earlier run…';
    this.label.textContent = label ? `Baseline: ${label}` : '';
    this.clear.hidden = label === null;
  }
}
