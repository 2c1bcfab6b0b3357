// A bounded parser of a server-sent events stream (the WHATWG `text/event-stream` format): `data:`
// lines are joined with "\n" and an empty line dispatches the event; comments (`:`), `event:`,
// `id:` and `retry:` are read past. The stream is untrusted: a line or an event longer than
// `maxBytes` is dropped and counted (the parser skips to the next line end and never buffers more
// than that).

export interface SseSink {
  /** One event's data (the lines after `data:`, joined). */
  data(text: string): void;
  /** A line or an event over the limit was dropped. */
  oversize(): void;
}

export class SseParser {
  private line = '';
  private data: string[] = [];
  private dataLength = 0;
  private skippingLine = false;
  private droppedEvent = false;
  private lastWasCr = false;

  constructor(
    private readonly sink: SseSink,
    private readonly maxBytes: number,
  ) {}

  /** Feeds decoded text (any split). */
  push(chunk: string): void {
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      // "\r\n" is one line end: the "\n" after a "\r" ends nothing.
      const crlf = c === 10 && this.lastWasCr && i === from;
      this.lastWasCr = c === 13;
      if (crlf) {
        from = i + 1;
        continue;
      }
      this.append(chunk.slice(from, i));
      this.endLine();
      from = i + 1;
    }
    if (from < chunk.length) {
      this.lastWasCr = false;
      this.append(chunk.slice(from));
    }
  }

  private append(text: string): void {
    if (this.skippingLine) return;
    if (this.line.length + text.length > this.maxBytes) {
      this.line = '';
      this.skippingLine = true;
      this.sink.oversize();
      return;
    }
    this.line += text;
  }

  private endLine(): void {
    const line = this.line;
    const skipped = this.skippingLine;
    this.line = '';
    this.skippingLine = false;
    if (skipped) return;
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    if (field !== 'data' || this.droppedEvent) return;
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    this.dataLength += value.length + 1;
    if (this.dataLength > this.maxBytes) {
      this.droppedEvent = true;
      this.data = [];
      this.sink.oversize();
      return;
    }
    this.data.push(value);
  }

  private dispatch(): void {
    const data = this.data;
    const dropped = this.droppedEvent;
    this.data = [];
    this.dataLength = 0;
    this.droppedEvent = false;
    if (!dropped && data.length > 0) this.sink.data(data.join('\n'));
  }
}
