import { A, Cta, Divider, Facts, H1, H2, H3, Meta, P, Receipts } from './email-layout';
import type { BodyView, EventGroup, EventView, WeeklyView } from './email-views';

// One body per kind of email. They print the views (email-views.ts) and nothing else: every word and
// figure is already formatted there, and React escapes all of it.

function Event({ e, level }: { e: EventView; level: 1 | 2 | 3 }) {
  const Title = level === 1 ? H1 : level === 2 ? H2 : H3;
  return (
    <>
      <Title>{e.title}</Title>
      <Meta>{e.at}</Meta>
      <P>{e.body}</P>
      <Facts rows={e.facts} />
      <Receipts items={e.receipts} />
      {level === 1 ? <Cta href={e.link.href}>{e.link.label}</Cta> : <A href={e.link.href}>{e.link.label}</A>}
    </>
  );
}

function Group({ g, level }: { g: EventGroup; level: 2 | 3 }) {
  return (
    <>
      {g.events.map((e, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a static list, rendered once
        <div key={i}>
          {i > 0 ? <Divider /> : null}
          <Event e={e} level={level} />
        </div>
      ))}
      {g.more ? (
        <>
          <Divider />
          <P>
            <A href={g.more.href}>{g.more.label}</A> in Cadence.
          </P>
        </>
      ) : null}
    </>
  );
}

function Weekly({ w }: { w: WeeklyView }) {
  return (
    <>
      <H1>{w.heading}</H1>
      <H2>Volume</H2>
      <Facts rows={w.volume} />
      <H2>Load</H2>
      <Facts rows={w.load} />
      <H2>Form</H2>
      {w.form ? <Facts rows={w.form} /> : null}
      <Meta>{w.formNote}</Meta>
      <H2>Your plan</H2>
      <P>{w.compliance}</P>
      <H2>Next week’s key sessions</H2>
      {w.nextWeek.length ? (
        <ul style={{ margin: '0 0 12px', paddingLeft: '20px' }}>
          {w.nextWeek.map((n) => (
            <li key={`${n.date}:${n.title}`} style={{ fontSize: '14px', lineHeight: '22px' }}>
              <strong>{n.date}</strong> · <A href={n.href}>{n.title}</A>
              {n.detail ? ` · ${n.detail}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <P>No key sessions planned for next week.</P>
      )}
      <Receipts items={w.receipts} title="This week’s activities" />
      <Cta href={w.link.href}>{w.link.label}</Cta>
    </>
  );
}

export function EmailBody({ greeting, body }: { greeting: string; body: BodyView }) {
  return (
    <>
      <P>{greeting}</P>
      {body.kind === 'single' ? <Event e={body.event} level={1} /> : null}
      {body.kind === 'digest' ? (
        <>
          <H1>{body.group.heading}</H1>
          <Group g={body.group} level={2} />
        </>
      ) : null}
      {body.kind === 'daily' ? (
        <>
          <H1>Your day in Cadence: {body.date}</H1>
          {body.groups.map((g) => (
            <div key={g.heading}>
              <H2>{g.heading}</H2>
              <Group g={g} level={3} />
            </div>
          ))}
        </>
      ) : null}
      {body.kind === 'weekly' ? <Weekly w={body.week} /> : null}
    </>
  );
}
