/**
 * The simulator's HTTP plumbing: an answer (status, body, headers) thrown or returned by a route,
 * how it is written, and a request body read and parsed the way Validic refuses bad JSON.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';

export class HttpAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}
}

export const HTML = { 'content-type': 'text/html; charset=utf-8' };
export const gatewayPage =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';
export const signInPage =
  '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action="/users/sign_in"></form></body></html>';

/** Writes the answer; `malformed` cuts a body in half (an injected fault). */
export function send(res: ServerResponse, answer: HttpAnswer, malformed = false): void {
  if (res.destroyed) return;
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  const body = malformed ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text;
  res.writeHead(answer.status, {
    'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json',
    ...answer.headers,
  });
  res.end(body);
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The body as the schema says, or Validic's refusal: 400 for text that is not JSON, 422 naming the field. */
export function parseJson<T>(text: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HttpAnswer(400, 'there was an error with request');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpAnswer(422, { errors: [`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`] });
  }
  return parsed.data;
}
