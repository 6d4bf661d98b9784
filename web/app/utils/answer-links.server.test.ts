// The coach's answers link to app pages they name (the upgrade link), labelled in words, and nothing else
// becomes a link.
import { describe, expect, it } from 'vitest';
import { NO_PLAN } from '../../../worker/features/ai-coach/grounding/plan.tool';
import { upgradePath } from '../../../worker/features/membership/browser';
import { answerLinks, pageLabel } from './ai-coach';
import { CREATE_PLAN } from './plans';

describe('answerLinks', () => {
  it('links the upgrade path and app pages under their names, never the raw address; paces, fractions and other sites stay text', () => {
    expect(answerLinks(`Making it easier is part of Pro: ${upgradePath('workout_control')}. On Free I can skip it.`)).toEqual([
      { text: 'Making it easier is part of Pro: ' },
      { path: '/pricing#plan-pro', label: 'See Pro' },
      { text: '. On Free I can skip it.' },
    ]);
    expect(answerLinks('See (/settings/data) first')).toEqual([
      { text: 'See (' },
      { path: '/settings/data', label: 'Data sources' },
      { text: ') first' },
    ]);
    for (const plain of [
      '4:31 /km and 28.4 km/h',
      'https://example.com/pricing',
      'a/pricing',
      '80/20 split',
      '/admin/users',
      '/pricing-evil',
      '[click](https://example.com/pricing)',
      '[admin](/admin/users)',
    ])
      expect(answerLinks(plain), plain).toEqual([{ text: plain }]);
  });

  it('takes a Markdown link’s own words', () => {
    expect(answerLinks('Open [your data sources](/settings/data), then retry.')).toEqual([
      { text: 'Open ' },
      { path: '/settings/data', label: 'your data sources' },
      { text: ', then retry.' },
    ]);
  });

  it('names a page never by its address', () => {
    expect(pageLabel('/pricing#plan-elite')).toBe('See Elite');
    expect(pageLabel('/activities/0b8e6c1e-2a55-4c33-9d1b-1f0f8b9a6c11')).toBe('the activity');
    expect(pageLabel('/settings/some-new-page')).toBe('Some new page');
  });

  it('the no-plan answer names the button the page shows and links to it', () => {
    expect(answerLinks(NO_PLAN)).toEqual([
      { text: 'You have no active training plan; make one in Training → ' },
      { path: CREATE_PLAN.path, label: 'Create a plan' },
      { text: '.' },
    ]);
  });
});
