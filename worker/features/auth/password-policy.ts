import list from './common-passwords.txt';

const COMMON = new Set(
  list
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean),
);

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

/** Why a password is refused, or null when it is acceptable. Length is checked by the zod schema. */
export function passwordWeakness(password: string, context: { email?: string } = {}): string | null {
  const lower = password.toLowerCase();
  // "password123!" is as guessable as "password": strip the usual suffixes before looking it up.
  const stem = lower.replace(/[\d\W_]+$/u, '');
  if (COMMON.has(lower) || (stem.length >= 4 && COMMON.has(stem))) {
    return 'This password is one of the most common passwords. Choose something less guessable.';
  }
  if (/^(.)\1+$/u.test(password)) return 'A password made of one repeated character is too easy to guess.';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'Your password must not contain your email address.';
  return null;
}
