// The coach's answers link to app pages they name (the upgrade link), and nothing else becomes a link.
import { describe, expect, it } from 'vitest';
import { upgradePath } from '../../../worker/features/membership/browser';
import { answerLinks } from './ai-coach';

describe('answerLinks', () => {
  it('links the upgrade path and app pages; paces, fractions and other sites stay text', () => {
    expect(answerLinks(`Making it easier is part of Pro: ${upgradePath('workout_control')}. On Free I can skip it.`)).toEqual([
      { text: 'Making it easier is part of Pro: ' },
      { path: '/pricing#plan-pro' },
      { text: '. On Free I can skip it.' },
    ]);
    expect(answerLinks('See (/settings/data) first')).toEqual([{ text: 'See (' }, { path: '/settings/data' }, { text: ') first' }]);
    for (const plain of [
      '4:31 /km and 28.4 km/h',
      'https://example.com/pricing',
      'a/pricing',
      '80/20 split',
      '/admin/users',
      '/pricing-evil',
    ])
      expect(answerLinks(plain), plain).toEqual([{ text: plain }]);
  });
});
