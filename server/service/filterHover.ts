// Hover inside a tracker's `start:`/`end:` filter: what a built-in event is and which attributes
// it carries, or what one of its attributes means, from the language's events table
// (scenario/events.ts), the same table the checker and completion read.
import { MarkupKind } from 'vscode-languageserver';
import type { Hover } from 'vscode-languageserver';
import { isScalar } from 'yaml';
import { builtinEvent } from '../../scenario/events';
import { locate } from './astPath';
import type { ParsedDocument } from './parsedDocument';
import { offsetsToRange } from './parsedDocument';

export function filterHover(doc: ParsedDocument, offset: number): Hover | null {
  const at = locate(doc, offset);
  const [root, , key] = at.path;
  if (at.on !== 'value' || root !== 'trackers' || (key !== 'start' && key !== 'end') || at.path.length !== 3)
    return null;
  const node = at.node;
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return null;
  const source = doc.text.getText().slice(node.range[0], node.range[1]);
  const at0 = node.range[0];
  // The word under the cursor (names may hold dots: iteration.end, json.state).
  const word = /[\w.-]+/g;
  let m: RegExpExecArray | null;
  while ((m = word.exec(source))) {
    const start = at0 + m.index;
    const end = start + m[0].length;
    if (offset < start || offset > end) continue;
    const bracket = source.indexOf('[');
    const eventType = (bracket < 0 ? source : source.slice(0, bracket)).replace(/^["']/, '').trim();
    const event = builtinEvent(eventType);
    if (!event) return null;
    let value: string | undefined;
    if (bracket < 0 || m.index < bracket) {
      const attrs = event.attributes.map((a) => `\`${a.name}\``).join(', ');
      value = `**${event.name}** (built-in event)\n\n${event.doc} Attributes: ${attrs}.`;
    } else {
      const attr = event.attributes.find(
        (a) => a.name === m![0] || (a.name.endsWith('.') && m![0].startsWith(a.name)),
      );
      if (attr) value = `**${m[0]}** (attribute of \`${event.name}\`)\n\n${attr.doc}`;
    }
    return value
      ? { contents: { kind: MarkupKind.Markdown, value }, range: offsetsToRange(doc, start, end) }
      : null;
  }
  return null;
}
