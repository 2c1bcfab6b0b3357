// Request bodies compiled once per request plan: JSON, text, form (URL-encoded) and multipart
// (text fields and files). A multipart body is bytes (files are binary), everything else text.
import crypto from 'node:crypto';
import type { MultipartPart, RequestBody, Template } from '../../scenario/model';
import { requestText, type RequestParts } from '../http/index';
import { jsonTemplates, render, renderJson, type Scope } from './scope';

export interface BodyPlan {
  /** The Content-Type the body needs (sent unless the request sets its own). */
  contentType: string | undefined;
  /** Every template in the body: holes make the request dynamic, their names pick variants. */
  templates: Template[];
  /** Why the body cannot be built (a file the master did not send), else undefined. */
  unusable: string | undefined;
  render(scope: Scope): string | Buffer;
}

/** The files a run's multipart bodies upload: path as written in the scenario -> bytes. */
export type RunFiles = ReadonlyMap<string, Uint8Array>;

export function planBody(body: RequestBody, files: RunFiles): BodyPlan {
  switch (body.type) {
    case 'json':
      return {
        contentType: 'application/json',
        templates: jsonTemplates(body.value),
        unusable: undefined,
        render: (scope) => JSON.stringify(renderJson(body.value, scope)),
      };
    case 'text':
      return {
        contentType: undefined,
        templates: [body.value],
        unusable: undefined,
        render: (s) => render(body.value, s),
      };
    case 'form':
      return {
        contentType: 'application/x-www-form-urlencoded',
        templates: body.fields.map(([, t]) => t),
        unusable: undefined,
        // URLSearchParams serialises exactly as the WHATWG URL standard (and browsers' forms) do.
        render: (scope) =>
          new URLSearchParams(
            body.fields.map(([k, t]): [string, string] => [k, render(t, scope)]),
          ).toString(),
      };
    case 'multipart':
      return planMultipart(body.parts, files);
  }
}

/** A header parameter value in quotes: quotes, backslashes and line breaks escaped as browsers do. */
function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"`;
}

function newBoundary(): string {
  return `----StampedeBoundary${crypto.randomBytes(12).toString('hex')}`;
}

function planMultipart(parts: MultipartPart[], files: RunFiles): BodyPlan {
  const missing = parts.find((p) => p.kind === 'file' && !files.has(p.file));
  const templates = parts.flatMap((p) => (p.kind === 'field' ? [p.value] : []));
  let boundary = newBoundary();
  const fileBytes = parts.map((p) => (p.kind === 'file' ? Buffer.from(files.get(p.file) ?? []) : undefined));
  // The boundary must not occur in any part. Files are checked once; a text field would need to
  // guess 96 random bits (only the target sees the boundary, and it can only garble its own requests).
  while (fileBytes.some((b) => b?.includes(boundary))) boundary = newBoundary();

  const build = (scope: Scope, b: string): Buffer => {
    const chunks: Buffer[] = [];
    parts.forEach((p, i) => {
      const disposition = `Content-Disposition: form-data; name=${quoted(p.name)}`;
      if (p.kind === 'field') {
        chunks.push(Buffer.from(`--${b}\r\n${disposition}\r\n\r\n${render(p.value, scope)}\r\n`, 'utf8'));
      } else {
        chunks.push(
          Buffer.from(
            `--${b}\r\n${disposition}; filename=${quoted(p.filename)}\r\nContent-Type: ${p.contentType}\r\n\r\n`,
            'utf8',
          ),
          fileBytes[i]!,
          Buffer.from('\r\n'),
        );
      }
    });
    chunks.push(Buffer.from(`--${b}--\r\n`));
    return Buffer.concat(chunks);
  };
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    templates,
    unusable:
      missing?.kind === 'file'
        ? `the file ${missing.file} was not sent with the run (the master reads every multipart file before it starts)`
        : undefined,
    render: (scope) => build(scope, boundary),
  };
}

/**
 * The request with a binary body: the head serialised as for a text body of the same length
 * (so Content-Length and the header rules stay the HTTP module's), then the bytes as they are.
 */
export function withBinaryBody(parts: Omit<RequestParts, 'body'>, body: Buffer): Buffer {
  const text = requestText({ ...parts, body: ' '.repeat(body.length) });
  return Buffer.concat([Buffer.from(text.slice(0, text.length - body.length), 'utf8'), body]);
}
