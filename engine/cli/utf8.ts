// Scenario bytes to text. A file that is not valid UTF-8 still decodes (each bad sequence becomes
// U+FFFD, as every editor shows it), but silently sending U+FFFD in a request is not what the
// person wrote, so the first bad byte is reported with its line and column.
import { isUtf8 } from 'node:buffer';
import type { Diagnostic } from '../../scenario/diagnostic';

/** The offset of the first byte that does not belong to a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

export interface DecodedScenario {
  text: string;
  /** A warning at the first bad byte, when the bytes are not valid UTF-8. */
  warning?: Diagnostic;
}

/** Decodes a scenario file's bytes as `fs.readFileSync(file, 'utf8')` does (a BOM is kept). */
export function decodeScenarioBytes(bytes: Uint8Array): DecodedScenario {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const text = decoder.decode(bytes);
  // isUtf8 is native and fast; the byte scan runs only to say where a bad file goes wrong.
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (bad < 0) return { text };
  // Where the bad byte lands in the text: decode the valid bytes before it.
  const before = decoder.decode(bytes.subarray(0, bad));
  const line = before.split('\n').length - 1;
  const character = before.length - (before.lastIndexOf('\n') + 1);
  const byte = bytes[bad].toString(16).toUpperCase().padStart(2, '0');
  const position = { line, character };
  return {
    text,
    warning: {
      range: { start: position, end: { line, character: character + 1 } },
      severity: 'warning',
      code: 'not-utf8',
      message: `the file is not valid UTF-8: byte 0x${byte} at byte offset ${bad} is not part of a UTF-8 character; it is read as U+FFFD (\uFFFD) and would be sent that way. Save the file as UTF-8`,
    },
  };
}
