// yaml's CST tokens for its Composer, parsed as the composer reads them, so the concrete syntax
// tree of a whole document never exists at once (issue 15: `check` memory a few times the file).
//
// yaml's Parser keeps the open document and its open collections on `parser.stack` and hands a
// document to the composer only when it ends; the composer walks a block collection's `items`
// once, in order. So a document is handed over as soon as its root block collection starts, and
// each block collection's items iterator PULLS: when the composer wants an item the parser has
// not finished, the iterator feeds lexemes to the parser until it is. An item is finished once
// the parser can no longer touch it (see `isFinished`); the last item whose value is a block
// collection still being parsed is handed over at once with that collection as its value, and
// that collection pulls in turn. Everything else (scalars, flow collections, block scalars,
// keys) is handed over only when complete, as yaml parses it. Each handed item is dropped from
// its array, so its CST is garbage once composed.
//
// Where the parser could still change something already handed over, or emits a top-level
// token while a handed document is open (it never does, by the reading of yaml 2.9's parser in
// the comments below), `diverged` is set and the caller composes the text again the eager way.
import { Lexer, Parser } from 'yaml';
import type { CST } from 'yaml';

type BlockCollection = CST.BlockMap | CST.BlockSequence;
type Drop = (token: CST.Token | undefined) => void;
export type Item = {
  start: CST.SourceToken[];
  key?: CST.Token | null;
  sep?: CST.SourceToken[];
  value?: CST.Token;
  explicitKey?: true;
};

/**
 * Where an item is: the keys (plain scalar keys only) and sequence indexes from the root. A
 * segment is null where it cannot be read from the CST alone (a quoted or complex key).
 */
export type ItemPath = ReadonlyArray<string | number | null>;

/**
 * Sees the items of block collections as they are handed to the composer (scenario/itemwise.ts:
 * `check` analyses each task as it is composed and lets it go).
 */
export interface ItemObserver {
  /** Whether the item at `path` is handed only once the parser has finished it (never pulled). */
  wantsWhole(path: ItemPath): boolean;
  /**
   * A finished item, before the composer reads it (its CST untouched). Undefined hands the item
   * to the composer; null hands nothing (the observer took it: the composed collection lacks it).
   */
  item(path: ItemPath, item: Item, collection: { offset: number; indent: number }): null | undefined;
  /**
   * The block sequence at `path` has ended. Where the observer took its last items, it says where
   * the last one ended (its node's `range[2]`): the composed sequence, without them, must still end
   * there, since yaml reads the next key's start from it.
   */
  ended(path: ItemPath): number | undefined;
  /** Set once the observer has seen enough: the parse ends there, its result to be thrown away. */
  readonly stopped: boolean;
}

function isBlockCollection(token: CST.Token | undefined): token is BlockCollection {
  return token?.type === 'block-map' || token?.type === 'block-seq';
}

/** Nothing but spaces and newlines yet: the one kind of last item whose arrival lets the parser
 * reach back into the item before it (an indented comment joins the previous value's `end`). */
function isBlank(item: Item): boolean {
  if (item.value || item.sep || item.key !== undefined) return false;
  return item.start.every((t) => t.type === 'space' || t.type === 'newline');
}

export class StreamedTokens {
  /** Set when the parser did something this reading of it does not expect: compose eagerly. */
  diverged = false;
  /** Set when the observer stopped the parse: what was composed is not the document. */
  stopped = false;
  private readonly parser: Parser;
  private readonly lexemes: Iterator<string, void>;
  private readonly queue: CST.Token[] = [];
  private ended = false;
  /** The parser's steps for the current lexeme, paused after a token it yielded. */
  private lexeme: Generator<CST.Token> | null = null;
  /** The document handed to the composer before the parser finished it. */
  private handed: CST.Document | null = null;

  constructor(
    text: string,
    onNewLine?: (offset: number) => void,
    private readonly observer?: ItemObserver,
  ) {
    this.parser = new Parser(onNewLine);
    // Parser.parse's own first step.
    onNewLine?.(0);
    this.lexemes = new Lexer().lex(text);
  }

  /** The top-level tokens, in the order Parser.parse yields them, open documents handed early. */
  *tokens(drop: Drop): Generator<CST.Token> {
    const stack = this.parser.stack;
    for (;;) {
      if (this.stopped) return;
      const token = this.queue.shift();
      if (token) {
        yield token;
        continue;
      }
      const [doc, root] = stack;
      if (doc?.type === 'document' && doc !== this.handed && !doc.value && isBlockCollection(root)) {
        // The document's start can no longer change: the parser reads it only while nothing is
        // open above it, and `root` becomes its value when popped.
        this.handed = doc;
        const end: CST.SourceToken[] = [];
        this.pull(root, 1, [], drop, () => {
          while (stack[0] === doc && this.advance());
          if (doc.end) end.push(...doc.end);
          // A token the parser cannot place after the root replaces the document's value.
          if (doc.value !== root) this.diverged = true;
        });
        yield { type: 'document', offset: doc.offset, start: doc.start, value: root, end };
        continue;
      }
      if (!this.advance()) return;
    }
  }

  /**
   * Runs the parser until it yields one top-level token or finishes a lexeme; false once the
   * input is used up. One token at a time, as Parser.parse's consumer sees them, so that where
   * the composer stops (parseDocument stops at a third document) the parser has done exactly as
   * much (LineCounter included) as under parseDocument.
   */
  private advance(): boolean {
    if (!this.lexeme) {
      if (this.ended) return false;
      const next = this.lexemes.next();
      if (next.done) this.ended = true;
      this.lexeme = next.done ? this.parser.end() : this.parser.next(next.value);
    }
    const step = this.lexeme.next();
    if (step.done) this.lexeme = null;
    else if (step.value !== this.handed) {
      // Parser.parse would have yielded this before the still open document: order changed.
      if (this.handed && this.parser.stack[0] === this.handed) this.diverged = true;
      this.queue.push(step.value);
    }
    return true;
  }

  /**
   * Gives `coll`, open at `parser.stack[depth]`, an items iterator that parses on demand.
   * `drop` prepares each complete item handed out (yamlParse's forgetting iterators).
   */
  private pull(coll: BlockCollection, depth: number, path: ItemPath, drop: Drop, onDone?: () => void): void {
    Object.defineProperty(coll.items, Symbol.iterator, {
      configurable: true,
      value: () => this.items(coll, depth, path, drop, onDone),
    });
  }

  private *items(
    coll: BlockCollection,
    depth: number,
    path: ItemPath,
    drop: Drop,
    onDone?: () => void,
  ): Generator<Item> {
    const stack = this.parser.stack;
    const items = coll.items as Array<Item | undefined>;
    const observer = this.observer;
    let next = 0;
    let cleared = 0;
    // The composer's index of the next sequence item: items with a `-` (a comment-only last item
    // has none and is not composed).
    let seqIndex = 0;
    const pathOf = (item: Item): ItemPath => {
      if (coll.type === 'block-seq')
        return [...path, item.start.some((t) => t.type === 'seq-item-ind') ? seqIndex : null];
      const key = item.key;
      return [...path, key?.type === 'scalar' && !key.end?.length ? key.source : null];
    };
    for (;;) {
      if (this.stopped) return;
      const open = stack[depth] === coll;
      // Forget handed items the parser will not read again (it reads the last two at most).
      while (cleared < next && (!open || cleared < items.length - 3)) items[cleared++] = undefined;
      if (next < items.length && (!open || this.isFinished(coll, depth, next))) {
        const item = items[next++] as Item;
        if (observer) {
          const taken = observer.item(pathOf(item), item, coll) === null;
          if (observer.stopped) this.stopped = true;
          if (this.stopped) return;
          if (item.start.some((t) => t.type === 'seq-item-ind')) seqIndex++;
          if (taken) continue;
        }
        drop(item.key ?? undefined);
        drop(item.value);
        yield item;
        continue;
      }
      if (!open) break;
      const last = items[next];
      const itemPath = observer && last ? pathOf(last) : undefined;
      const pending =
        next === items.length - 1 && !(itemPath && observer?.wantsWhole(itemPath))
          ? this.openValue(coll, depth, items[next] as Item)
          : null;
      if (pending) {
        const item = items[next++] as Item;
        if (item.start.some((t) => t.type === 'seq-item-ind')) seqIndex++;
        this.pull(pending, depth + 1, itemPath ?? [], drop, () => {
          if (item.value !== pending) this.diverged = true;
        });
        drop(item.key ?? undefined);
        // The same start, key and sep: the parser no longer touches them (see openValue).
        yield { ...item, value: pending };
        continue;
      }
      if (!this.advance()) {
        // The end of input pops every open collection: this one cannot still be open.
        this.diverged = true;
        break;
      }
    }
    const end = observer && coll.type === 'block-seq' ? observer.ended(path) : undefined;
    if (end !== undefined) {
      // A line break ending where the items taken ended: yaml reads an item of nothing but
      // spaces and line breaks as the end of the sequence's range, and composes nothing of it.
      yield { start: [{ type: 'newline', offset: end - 1, indent: coll.indent, source: '\n' }] };
    }
    onDone?.();
  }

  /** Whether the parser is done with item `index` of the open collection at `stack[depth]`. */
  private isFinished(coll: BlockCollection, depth: number, index: number): boolean {
    const items = coll.items as Item[];
    // A later item exists, so this one's key and value were popped into it; the parser then only
    // reads the last item, and the one before it when a blank last item meets an indented
    // comment (which pops the blank item). While something is open above `coll`, `coll`'s last
    // item is not blank when that pops into it.
    if (index < items.length - 2) return true;
    if (index > items.length - 2) return false;
    return this.parser.stack.length > depth + 1 || !isBlank(items[items.length - 1]);
  }

  /**
   * The block collection being parsed as the value of `item` (the last item of `coll`), or null.
   * It is on the stack right above `coll` and becomes `item.value` when popped (Parser.pop: a
   * map item with `sep` and no value, a sequence item with no value); until then the parser
   * handles only what is above `coll`, so `item`'s start, key and sep stay as they are.
   */
  private openValue(coll: BlockCollection, depth: number, item: Item): BlockCollection | null {
    const above = this.parser.stack[depth + 1];
    if (!isBlockCollection(above) || item.value) return null;
    if (coll.type === 'block-map' && !item.sep) return null;
    return above;
  }
}
