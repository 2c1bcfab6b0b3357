// A request body as the source wrote it (text plus Content-Type) becomes `json:`, `form:` or
// `body:`. JSON is recognised by its Content-Type or, without one, by parsing; a form by its
// Content-Type (or curl's default for -d).
import type { ImportedBody } from './model';

const FORM = 'application/x-www-form-urlencoded';

export function isJsonType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim());
}

export function isFormType(contentType: string | undefined): boolean {
  return contentType !== undefined && contentType.trim().toLowerCase().startsWith(FORM);
}

/** Form fields of an urlencoded text, in order (a repeated key stays repeated). */
export function formFields(text: string): Array<[string, string]> {
  return [...new URLSearchParams(text)].map(([k, v]) => [k, v]);
}

/** The body of a request with this text and Content-Type (undefined when it is empty). */
export function bodyFromText(text: string, contentType: string | undefined): ImportedBody | undefined {
  if (text === '') return undefined;
  if (isFormType(contentType)) return { kind: 'form', fields: formFields(text) };
  if (isJsonType(contentType) || contentType === undefined) {
    try {
      const value: unknown = JSON.parse(text);
      if (contentType !== undefined || (typeof value === 'object' && value !== null))
        return { kind: 'json', value };
    } catch {
      // not JSON: a text body
    }
  }
  return { kind: 'text', text };
}

/** The value of a header (case-insensitive), or undefined. */
export function headerValue(headers: ReadonlyArray<[string, string]>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([k]) => k.toLowerCase() === lower)?.[1];
}
