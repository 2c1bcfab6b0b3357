// Markdown for a key from its schema: the description and an example as YAML, used by both
// completion items and hover so the two always say the same thing.
import { stringify } from 'yaml';
import type { JsonSchema } from './schemaNavigation';
import { describe } from './schemaNavigation';

/** A scalar as it would be written in YAML. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

export function keyDocumentation(key: string, schemas: readonly JsonSchema[]): string {
  const { description, examples } = describe(schemas);
  const parts: string[] = [];
  if (description) parts.push(description);
  const example = examples[0];
  // A markdownDescription usually carries its own example block; do not add a second one.
  if (example !== undefined && !description?.includes('```')) {
    const yaml = stringify({ [key]: example }, { flowCollectionPadding: true }).trimEnd();
    parts.push(`Example:\n\`\`\`yaml\n${yaml}\n\`\`\``);
  }
  return parts.join('\n\n');
}
