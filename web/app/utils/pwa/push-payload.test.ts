import { describe, expect, it } from 'vitest';
import { offlinePageOf } from './offline-pages';
import { readPushPayload, safeLink } from './push-payload';

describe('the push payload as the service worker reads it', () => {
  it('takes title, body, link and tag from the sender’s JSON', () => {
    expect(readPushPayload(JSON.stringify({ title: 'Your coach wrote', body: 'Strides?', link: '/notifications', tag: 'coach' }))).toEqual({
      title: 'Your coach wrote',
      body: 'Strides?',
      link: '/notifications',
      tag: 'coach',
    });
  });

  it('always yields a notification, whatever arrives (a silent push gets the subscription revoked)', () => {
    for (const raw of [null, undefined, '', 'null', '42', '[]', '{}', '{"title": 7}']) {
      const n = readPushPayload(raw);
      expect(n.title.length).toBeGreaterThan(0);
      expect(n.link.startsWith('/')).toBe(true);
    }
    expect(readPushPayload('plain words').body).toBe('plain words');
  });

  it('opens only our own pages', () => {
    for (const bad of ['https://evil.example/x', '//evil.example/x', 'javascript:alert(1)', '/\\evil.example', 7, null]) {
      expect(safeLink(bad)).toBeUndefined();
    }
    expect(readPushPayload(JSON.stringify({ title: 'x', link: 'https://evil.example' })).link).toBe('/notifications');
    expect(safeLink('/training?week=2')).toBe('/training?week=2');
  });
});

describe('the pages kept offline', () => {
  it('are the athlete’s week, activities, analysis and the AI coach, with their Remix data', () => {
    expect(offlinePageOf('/training')).toEqual({ page: '/training', data: false });
    expect(offlinePageOf('/training.data')).toEqual({ page: '/training', data: true });
    expect(offlinePageOf('/ai-coach/abc')).toEqual({ page: '/ai-coach/abc', data: false });
    for (const other of ['/settings', '/settings/membership', '/activities/123', '/login', '/api/v1/plans', '/trainingx']) {
      expect(offlinePageOf(other)).toBeNull();
    }
  });
});
