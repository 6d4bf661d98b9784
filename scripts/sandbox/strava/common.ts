// Request/response helpers for the Strava routes: Strava's error body, extra headers, and the
// several ways clients send OAuth parameters (query string, form, multipart, JSON).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http.ts';

export type Headers = Record<string, string>;

export function json(res: ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(status === 204 ? undefined : JSON.stringify(body));
}

/** Strava's fault body: `{ message, errors: [{ resource, field, code }] }`. */
export function fault(
  res: ServerResponse,
  status: number,
  message: string,
  resource: string,
  field: string,
  code: string,
  headers: Headers = {},
): void {
  json(res, status, { message, errors: [{ resource, field, code }] }, headers);
}

export const badRequest = (res: ServerResponse, resource: string, field: string, headers: Headers = {}) =>
  fault(res, 400, 'Bad Request', resource, field, 'invalid', headers);
export const notFound = (res: ServerResponse, resource: string, field: string, headers: Headers = {}) =>
  fault(res, 404, 'Record Not Found', resource, field, 'invalid', headers);
export const unauthorized = (res: ServerResponse, headers: Headers = {}) =>
  fault(res, 401, 'Authorization Error', 'Athlete', 'access_token', 'invalid', headers);

/**
 * Query parameters merged with the body's: Strava's token endpoint takes form, multipart
 * (`curl -F`), JSON and even query-string parameters, and real clients use all of them.
 */
export async function readParams(req: IncomingMessage, url: URL): Promise<Record<string, string>> {
  const params: Record<string, string> = Object.fromEntries(url.searchParams);
  if (req.method === 'GET' || req.method === 'HEAD') return params;
  const raw = await readBody(req, 100_000);
  if (!raw) return params;
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.includes('application/json')) {
    const body = JSON.parse(raw) as unknown;
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      for (const [k, v] of Object.entries(body)) if (v !== null && v !== undefined) params[k] = String(v);
    }
  } else if (type.includes('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    for (const [k, v] of form) if (typeof v === 'string') params[k] = v;
  } else {
    for (const [k, v] of new URLSearchParams(raw)) params[k] = v;
  }
  return params;
}

export class BadJson extends Error {}

/** Control API bodies: JSON objects only (a cross-site form cannot send application/json). */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const raw = await readBody(req, 100_000);
  if (!raw.trim()) return {};
  if (!type.includes('application/json')) throw new BadJson('Send a JSON body with content-type: application/json.');
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new BadJson('Body must be valid JSON.');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BadJson('Body must be a JSON object.');
  return body as Record<string, unknown>;
}

/** Integer query parameter, or undefined when absent; NaN when present but not an integer. */
export function intParam(url: URL, name: string): number | undefined {
  const v = url.searchParams.get(name);
  if (v === null || v === '') return undefined;
  return /^-?\d+$/.test(v.trim()) ? Number(v) : Number.NaN;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Webhook targets must be on this machine: the control API must not become a way to reach other hosts. */
export function loopbackUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string') return null;
  try {
    const u = new URL(raw);
    return (u.protocol === 'http:' || u.protocol === 'https:') && LOOPBACK.has(u.hostname) ? u : null;
  } catch {
    return null;
  }
}
