// A request whose template holes read only the scenario's variables can take only a few forms: one
// per combination of those variables' values. Each form is serialised once, before the run, so the
// hot path picks a prebuilt Buffer by index instead of rendering and encoding a string per request
// (measured: rendering cost a templated request ~40 % more CPU than a static one; docs/benchmarks.md).
import type { Origin } from '../http/index';
import { Scope, variableTable } from './scope';
import type { VariableValue } from '../../scenario/model';

export interface RequestVariant {
  bytes: Buffer;
  origin: Origin | undefined;
  url: string;
  /** Why this form cannot be sent (e.g. a variable makes the URL invalid). */
  error: string | undefined;
}

export interface VariantSet {
  variants: RequestVariant[];
  /** The variable slots the request reads, and the index stride of each. */
  slots: Int32Array;
  strides: Int32Array;
}

/** More forms than this are rendered per request instead (memory stays small). */
export const MAX_VARIANTS = 256;
const MAX_VARIANT_BYTES = 1 << 20;

interface Rendered {
  origin: Origin | undefined;
  text: string;
  /** Set instead of `text` when the body is binary (multipart). */
  bytes?: Buffer;
  url: string;
  error?: string;
}

/**
 * Prebuilds every form of a request, or returns undefined when it reads something other than a
 * variable (a capture), or has too many forms.
 */
export function prebuildVariants(
  refs: ReadonlySet<string>,
  variables: Record<string, VariableValue>,
  render: (scope: Scope) => Rendered,
): VariantSet | undefined {
  const table = variableTable(variables);
  const slots: number[] = [];
  for (const name of refs) {
    const slot = table.slots.get(name);
    if (slot === undefined) return undefined;
    slots.push(slot);
  }
  const strides: number[] = [];
  let count = 1;
  for (const slot of slots) {
    strides.push(count);
    count *= table.choices[slot].length;
    if (count > MAX_VARIANTS) return undefined;
  }
  const scope = new Scope(variables);
  const variants: RequestVariant[] = [];
  let bytes = 0;
  for (let n = 0; n < count; n++) {
    for (let i = 0; i < slots.length; i++)
      scope.pick(slots[i], Math.floor(n / strides[i]) % table.choices[slots[i]].length);
    const r = render(scope);
    const buffer = r.bytes ?? Buffer.from(r.text, 'utf8');
    bytes += buffer.length;
    if (bytes > MAX_VARIANT_BYTES) return undefined;
    variants.push({ bytes: buffer, origin: r.origin, url: r.url, error: r.error });
  }
  return { variants, slots: Int32Array.from(slots), strides: Int32Array.from(strides) };
}

/** The form this scope's values select, or undefined when a capture replaced one of them. */
export function variantFor(set: VariantSet, scope: Scope): RequestVariant | undefined {
  let index = 0;
  const slots = set.slots;
  for (let i = 0; i < slots.length; i++) {
    const c = scope.choice(slots[i]);
    if (c < 0) return undefined;
    index += c * set.strides[i];
  }
  return set.variants[index];
}
