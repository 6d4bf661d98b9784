export const SESSION_TTL_SECONDS = 30 * 24 * 3600;

export interface CookieSettings {
  /** Secure + the __Host- prefix everywhere but plain-http local development and tests. */
  secure: boolean;
}

export const cookieSettingsFor = (appEnv: string): CookieSettings => ({
  secure: appEnv === 'production' || appEnv === 'staging',
});

export const sessionCookieName = (s: CookieSettings) => (s.secure ? '__Host-cadence_session' : 'cadence_session');

export function serializeSessionCookie(token: string, s: CookieSettings, maxAge = SESSION_TTL_SECONDS): string {
  const parts = [`${sessionCookieName(s)}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAge}`];
  if (s.secure) parts.push('Secure');
  return parts.join('; ');
}

export const clearSessionCookie = (s: CookieSettings) => serializeSessionCookie('', s, 0);

export function readSessionCookie(cookieHeader: string | null, s: CookieSettings): string | null {
  if (!cookieHeader) return null;
  const name = sessionCookieName(s);
  for (const part of cookieHeader.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) {
      const value = v.join('=');
      // Our tokens are base64url; anything else is not ours and is ignored.
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
    }
  }
  return null;
}
