// The step builder's help teaches the text form by example, so every example it shows must be one the
// parser reads (issue 55: it taught "warmup 15m Z2", which the parser refuses without its "- "). The
// builder is rendered as the page renders it, and what its help, its placeholder and a step's target field
// show goes through the real parser, for each sport the workout form offers.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { minutes } from '~/utils/plans';
import { NEW_STEP, parseText, type Sport, type Thresholds, withLengthAndTarget } from '~/utils/workout-builder';
import { treeFields } from '../../../../worker/features/plans/control/workout-tree';
import { StepBuilder } from './StepBuilder';

const SPORTS: Sport[] = ['run', 'bike', 'swim', 'strength'];

const fromHtml = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The builder's HTML with one step in it (so a step's fields show), as the drawer renders it. */
function render(sport: Sport): string {
  const text = sport === 'swim' ? '- 100mtr Z2' : '- 10m Z2';
  const r = parseText(text, sport);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return renderToStaticMarkup(createElement(StepBuilder, { sport, state: { text, workout: r.workout }, onChange: () => {} }));
}

/** Why a text is refused for the sport ("" when the parser reads it). */
const refusal = (text: string, sport: Sport) => {
  const r = parseText(text, sport);
  return r.ok ? '' : r.errors.map((e) => `${e.line}:${e.column} ${e.token} ${e.message}`).join('; ');
};

describe('the step builder’s help', () => {
  it.each(SPORTS)('every example shown for a %s is one the parser reads', (sport) => {
    const html = render(sport);
    const help = /<p id="[^"]*-help" class="field-hint">([\s\S]*?)<\/p>/.exec(html)?.[1];
    expect(help, 'the help paragraph').toBeDefined();
    const examples = [...help!.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => fromHtml(m[1]!));
    // A step and a repeat at least, each shown as a line to type.
    expect(examples.length).toBeGreaterThanOrEqual(2);
    expect(examples.some((e) => e.startsWith('- '))).toBe(true);
    expect(examples.some((e) => /^\d+x /.test(e))).toBe(true);
    for (const example of examples) expect(refusal(example, sport), example).toBe('');

    const placeholder = /<textarea[^>]*placeholder="([^"]*)"/.exec(html)?.[1];
    expect(placeholder, 'the text box’s placeholder').toBeTruthy();
    expect(refusal(fromHtml(placeholder!), sport), placeholder).toBe('');

    const targets = /aria-label="Step 1: target"[^>]*placeholder="([^"]*)"|placeholder="([^"]*)"[^>]*aria-label="Step 1: target"/.exec(
      html,
    );
    const suggested = fromHtml(targets?.[1] ?? targets?.[2] ?? '').split(', ');
    expect(suggested.length).toBeGreaterThanOrEqual(2);
    for (const t of suggested) expect(withLengthAndTarget(sport, NEW_STEP, '10min', t), t).not.toBeTypeOf('string');
  });
});

describe('the step builder’s totals', () => {
  // Issue 55: 15 min warm-up at Z2, 5 × (1 km at threshold pace, 2 min jog), 10 min cool-down previewed
  // 56 min · 5.0 km · load 53 (no thresholds: the zone steps had no pace) and saved 10 km · load 83.
  const text = '- warmup 15m Z2\n5x\n  - 1km 4:10/km\n  - recovery 2m Z1\n- cooldown 10m Z1';
  const th: Thresholds = { thresholdPaceSecPerKm: 250 };

  it('a pace workout previews the time, distance and load the server saves it with, from the same thresholds', () => {
    const r = parseText(text, 'run');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const html = renderToStaticMarkup(
      createElement(StepBuilder, { sport: 'run', state: { text, workout: r.workout }, onChange: () => {}, thresholds: th }),
    );
    const shown = /<output[^>]*class="wb-totals"[^>]*>([\s\S]*?)<\/output>/.exec(html)?.[1]?.replace(/<[^>]+>/g, ' ') ?? '';
    // The server's own computation on an add or an edit of that day (workout-tree.ts), with the thresholds it takes.
    const saved = treeFields(r.workout, { sport: 'run', type: 'intervals', title: 'x', description: '' }, {}, th, true);
    expect(shown).toContain(`Time ${minutes(saved.durationSec)}`);
    expect(shown).toContain(`Distance ${(saved.distanceM! / 1000).toFixed(1)} km`);
    expect(shown).toContain(`Load ${saved.targetLoad}`);
    // By hand: 900 s at 312.5 s/km, 5 km, 5 × 120 s and 600 s at 357 s/km: 2.88 + 5 + 1.68 + 1.68 km.
    expect(saved.distanceM).toBe(11_240);
    expect(shown).toContain('Distance 11.2 km');
  });
});
