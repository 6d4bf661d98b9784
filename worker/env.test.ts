import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { KEPT_PASSWORD_ITERATIONS, parseEnv } from './env';
import { PASSWORD_ITERATIONS } from './features/auth/password';

describe('config', () => {
  it('accepts the test bindings', () => {
    expect(parseEnv(env).APP_ENV).toBe('test');
  });

  it('keeps 100,000 PBKDF2 rounds wherever real passwords are kept; only tests and development may lower them', () => {
    const base = env as unknown as Record<string, unknown>;
    expect(parseEnv(base).PASSWORD_ITERATIONS).toBeLessThan(KEPT_PASSWORD_ITERATIONS);
    expect(PASSWORD_ITERATIONS).toBe(KEPT_PASSWORD_ITERATIONS);
    for (const APP_ENV of ['staging', 'production'])
      expect(() => parseEnv({ ...base, APP_ENV, PASSWORD_ITERATIONS: '1000' })).toThrow(/PASSWORD_ITERATIONS: must be 100000/);
    const { PASSWORD_ITERATIONS: _, ...unset } = base;
    expect(parseEnv({ ...unset, APP_ENV: 'development' }).PASSWORD_ITERATIONS).toBe(KEPT_PASSWORD_ITERATIONS);
  });

  it('fails with a message naming every bad setting', () => {
    const { DATABASE_URL: _, ...rest } = env as unknown as Record<string, unknown>;
    expect(() => parseEnv({ ...rest, APP_ORIGIN: 'not a url' })).toThrow(/DATABASE_URL.*APP_ORIGIN|APP_ORIGIN.*DATABASE_URL/);
  });
});
