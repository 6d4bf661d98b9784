import type { CookieSettings } from '../auth';

// A cookie of its own, so starting or ending an impersonation never replaces the owner's session cookie.
export const impersonationCookieName = (s: CookieSettings) => (s.secure ? '__Host-cadence_impersonation' : 'cadence_impersonation');

/** Same attributes as the session cookie; Max-Age is the impersonation's remaining life. */
export function serializeImpersonationCookie(token: string, s: CookieSettings, maxAgeSeconds: number): string {
  const parts = [
    `${impersonationCookieName(s)}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
  ];
  if (s.secure) parts.push('Secure');
  return parts.join('; ');
}

export const clearImpersonationCookie = (s: CookieSettings) => serializeImpersonationCookie('', s, 0);

/** The cookie's value when it looks like one of our tokens (base64url); anything else is ignored. */
export function readImpersonationCookie(cookieHeader: string | null, s: CookieSettings): { present: boolean; token: string | null } {
  if (!cookieHeader) return { present: false, token: null };
  const name = impersonationCookieName(s);
  for (const part of cookieHeader.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) {
      const value = v.join('=');
      return { present: true, token: /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null };
    }
  }
  return { present: false, token: null };
}
