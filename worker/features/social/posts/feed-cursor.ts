// The feed's keyset cursor, opaque to clients: base64url of the last row's (day trained, created, id).
import { AppError, ErrorCode } from '../../../lib/errors';
import type { FeedKey } from './posts.repo';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(k: FeedKey): string {
  const raw = `${k.dayAt}|${k.createdAt}|${k.id}`;
  return btoa(raw).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor(cursor: string): FeedKey {
  const bad = () =>
    new AppError(ErrorCode.VALIDATION, 'cursor: not a cursor this feed gave', { fields: [{ path: 'cursor', message: 'Invalid cursor' }] });
  let raw: string;
  try {
    raw = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    throw bad();
  }
  const [d, c, id] = raw.split('|');
  if (!INSTANT.test(d ?? '') || !INSTANT.test(c ?? '') || !UUID.test(id ?? '')) throw bad();
  return { dayAt: d!, createdAt: c!, id: id! };
}
