// yaml's parseDocument, rebuilt from its public parts (Parser, Composer) so that the concrete
// syntax tree never exists whole. parseDocument builds the whole CST of a document (~55 bytes of
// heap per byte of YAML) and then composes the Document (~27 more) while every CST token stays
// reachable from the document token: a 5 MB scenario peaked at 490 MiB in the parse alone
// (docs/benchmarks.md, "Checking large files"). Here the composer reads tokens that are parsed
// as it asks for them (yamlStream.ts), and each block map's and block sequence's item array
// hands its items out through an iterator that drops each one as it goes: a composed item's CST
// is garbage while the rest is parsed and composed. Same Document, same errors, same ranges
// (test/unit/scenario/yamlParse.test.ts compares it with parseDocument on the YAML test suite).
import { Composer, Parser, YAMLParseError } from 'yaml';
import { StreamedTokens } from './yamlStream';
import type { ItemObserver } from './yamlStream';
import type { CST, Document, DocumentOptions, LineCounter, ParseOptions, SchemaOptions } from 'yaml';

type Options = ParseOptions & DocumentOptions & SchemaOptions & { lineCounter?: LineCounter };

/** parseDocument(text, options) without prettyErrors, letting the CST go as it composes. */
export function parseYamlDocument(text: string, options: Options): Document.Parsed {
  return parseStreamed(text, options) ?? parseEagerly(text, options);
}

/** Composes while parsing; null where yamlStream.ts saw the parser do what it did not expect. */
export function parseStreamed(text: string, options: Options): Document.Parsed | null {
  const lineStarts: number[] = [];
  const stream = new StreamedTokens(text, (offset) => lineStarts.push(offset));
  const doc = firstDocument(text, options, stream.tokens(drainCollections));
  // composeNode reports any exception thrown while composing a collection (ours included) as
  // RESOURCE_EXHAUSTION: the eager path decides what such a text gives.
  if (stream.diverged || doc.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION')) return null;
  for (const offset of lineStarts) options.lineCounter?.addNewLine(offset);
  return doc;
}

/**
 * Composes while parsing, showing each block collection item to `observer` as it is handed over
 * (see ItemObserver). The line counter is fed as the parser reads, so positions are known while
 * composing. Null where the observer stopped the parse or the streaming diverged: the caller
 * starts again another way (the observer has then seen items of a parse that is thrown away).
 */
export function parseObserved(
  text: string,
  options: Options,
  observer: ItemObserver,
): Document.Parsed | null {
  const lineCounter = options.lineCounter;
  const stream = new StreamedTokens(text, (offset) => lineCounter?.addNewLine(offset), observer);
  const doc = firstDocument(text, options, stream.tokens(drainCollections));
  if (stream.stopped || stream.diverged || doc.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION'))
    return null;
  return doc;
}

/** Parses each document whole, then composes it, forgetting each composed item's CST. */
function parseEagerly(text: string, options: Options): Document.Parsed {
  const parser = new Parser(options.lineCounter?.addNewLine);
  return firstDocument(text, options, draining(parser.parse(text)));
}

function firstDocument(text: string, options: Options, tokens: Iterable<CST.Token>): Document.Parsed {
  const composer = new Composer(options);
  let doc: Document.Parsed | null = null;
  for (const next of composer.compose(tokens, true, text.length)) {
    if (!doc) doc = next;
    else {
      // parseDocument's own rule for a second document in the text.
      if (doc.options.logLevel !== 'silent')
        doc.errors.push(
          new YAMLParseError(
            [next.range[0], next.range[1]],
            'MULTIPLE_DOCS',
            'Source contains multiple documents; please use YAML.parseAllDocuments()',
          ),
        );
      break;
    }
  }
  // compose(..., forceDoc = true) always yields a document, even for empty text.
  return doc as Document.Parsed;
}

function* draining(tokens: Generator<CST.Token>): Generator<CST.Token> {
  for (const token of tokens) {
    drainCollections(token);
    yield token;
  }
}

/** Gives every block collection under `token` an items iterator that forgets each item it hands out. */
export function drainCollections(token: CST.Token | undefined): void {
  // An explicit stack: a deep CST must not overflow the call stack.
  const stack: Array<CST.Token | undefined> = [token];
  while (stack.length) {
    const t = stack.pop();
    if (!t) continue;
    switch (t.type) {
      case 'document':
        stack.push(t.value);
        break;
      case 'block-map':
      case 'block-seq':
        for (const item of t.items) stack.push(item.key as CST.Token | undefined, item.value);
        forgetAsIterated<unknown>(t.items);
        break;
      case 'flow-collection':
        // Composed by index (and read again for its last item): left as it is.
        for (const item of t.items) stack.push(item.key as CST.Token | undefined, item.value);
        break;
      default:
    }
  }
}

function forgetAsIterated<T>(items: T[]): void {
  Object.defineProperty(items, Symbol.iterator, {
    configurable: true,
    value: function* (this: T[]): Generator<T> {
      for (let i = 0; i < this.length; i++) {
        const item = this[i];
        // The composer's loop holds the item while it composes it; the array no longer does.
        (this as unknown[])[i] = undefined;
        yield item;
      }
    },
  });
}
