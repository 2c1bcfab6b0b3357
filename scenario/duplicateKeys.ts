// Repeated keys, found in one pass. yaml's own check (`uniqueKeys: true`) compares each new key
// with every earlier key of its map, which is quadratic: 1 MB of keys in one map took minutes to
// check (docs/benchmarks.md, "Checking large files"). This walks every map once with a Set and
// adds the same error yaml would (code DUPLICATE_KEY, at the repeated key), so everything after
// the parse behaves as before.
import { isScalar, visit, YAMLParseError } from 'yaml';
import type { Document } from 'yaml';

export function addDuplicateKeyErrors(doc: Document.Parsed): void {
  visit(doc, {
    Map(_, map) {
      if (map.items.length < 2) return;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        // yaml's rule: two scalar keys with the same value (non-scalar keys are never equal).
        if (!isScalar(key)) continue;
        if (seen.has(key.value)) {
          const at = key.range?.[0] ?? 0;
          doc.errors.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        } else seen.add(key.value);
      }
    },
  });
}
