import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('config', () => {
  it('accepts the test bindings', () => {
    expect(parseEnv(env).APP_ENV).toBe('test');
  });

  it('fails with a message naming every bad setting', () => {
    const { DATABASE_URL: _, ...rest } = env as unknown as Record<string, unknown>;
    expect(() => parseEnv({ ...rest, APP_ORIGIN: 'not a url' })).toThrow(/DATABASE_URL.*APP_ORIGIN|APP_ORIGIN.*DATABASE_URL/);
  });
});
