import type { EmailView, EventGroup, EventView, FooterView, WeeklyView } from './email-views';

// The plain-text part, written per kind from the same views as the HTML: the same facts, the same
// absolute links (spelled out, since text has no anchors), in a layout that reads in any client.

const rule = '—'.repeat(24);
const rows = (xs: { label: string; value: string }[]) => xs.map((x) => `  ${x.label}: ${x.value}`);

function event(e: EventView, heading: string): string[] {
  return [
    heading,
    e.at,
    '',
    e.body,
    ...(e.facts.length ? ['', ...rows(e.facts)] : []),
    ...(e.receipts.length ? ['', 'From these activities:', ...e.receipts.map((r) => `  - ${r.name} (${r.date}): ${r.href}`)] : []),
    '',
    `${e.link.label}: ${e.link.href}`,
  ];
}

function group(g: EventGroup, bullet: string): string[] {
  const out: string[] = [];
  g.events.forEach((e, i) => {
    if (i > 0) out.push('');
    out.push(...event(e, `${bullet} ${e.title}`));
  });
  if (g.more) out.push('', `${g.more.label} in Cadence: ${g.more.href}`);
  return out;
}

function weekly(w: WeeklyView): string[] {
  return [
    w.heading,
    '',
    'VOLUME',
    ...rows(w.volume),
    '',
    'LOAD',
    ...rows(w.load),
    '',
    'FORM',
    ...(w.form ? rows(w.form) : []),
    `  ${w.formNote}`,
    '',
    'YOUR PLAN',
    `  ${w.compliance}`,
    '',
    'NEXT WEEK’S KEY SESSIONS',
    ...(w.nextWeek.length
      ? w.nextWeek.map((n) => `  - ${n.date}: ${n.title}${n.detail ? ` · ${n.detail}` : ''} (${n.href})`)
      : ['  No key sessions planned for next week.']),
    ...(w.receipts.length ? ['', 'THIS WEEK’S ACTIVITIES', ...w.receipts.map((r) => `  - ${r.name} (${r.date}): ${r.href}`)] : []),
    '',
    `${w.link.label}: ${w.link.href}`,
  ];
}

function footer(f: FooterView): string[] {
  return [
    rule,
    f.reason,
    `Notification preferences: ${f.preferencesUrl}`,
    ...(f.unsubscribe ? [`${f.unsubscribe.label}: ${f.unsubscribe.href}`] : []),
    'Cadence — evidence, not hype.',
  ];
}

export function emailText(v: EmailView): string {
  const b = v.body;
  const body =
    b.kind === 'single'
      ? event(b.event, b.event.title)
      : b.kind === 'digest'
        ? [b.group.heading.toUpperCase(), '', ...group(b.group, '*')]
        : b.kind === 'daily'
          ? [`Your day in Cadence: ${b.date}`, ...b.groups.flatMap((g) => ['', g.heading.toUpperCase(), '', ...group(g, '*')])]
          : weekly(b.week);
  return [v.greeting, '', ...body, '', ...footer(v.footer), ''].join('\n');
}
