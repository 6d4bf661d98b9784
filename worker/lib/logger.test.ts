import { describe, expect, it, vi } from 'vitest';
import { createLogger } from './logger';

describe('logger', () => {
  it('drops fields whose names say personal data or secrets', () => {
    const spy = vi.spyOn(console, 'log').mockImplementation(() => {});
    createLogger('info').info('x', { userId: 'u1', email: 'a@b.c', phoneNumber: '+1555', accessToken: 't', body: 'hello' });
    const line = JSON.parse(String(spy.mock.calls[0]?.[0])) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'info', msg: 'x', userId: 'u1' });
    expect(Object.keys(line)).not.toEqual(expect.arrayContaining(['email']));
    expect(JSON.stringify(line)).not.toMatch(/a@b\.c|\+1555|hello/);
  });

  it('masks emails, phone numbers and token-like strings inside free text', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    createLogger('info').error('failed', {
      errorMessage: 'user a.b@c.io with +44 20 7946 0958 sent abcdefghijklmnopqrstuvwxyz0123',
      userId: 'u1',
    });
    const line = String(spy.mock.calls[0]?.[0]);
    expect(line).not.toMatch(/a\.b@c\.io|7946|abcdefghijklmnop/);
    expect(line).toContain('[email]');
  });

  it('respects the level', () => {
    const spy = vi.spyOn(console, 'log').mockImplementation(() => {});
    createLogger('warn').info('hidden');
    expect(spy).not.toHaveBeenCalled();
  });
});
