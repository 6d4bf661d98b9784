// /training/changes' forms (issue 58): the opt-in for small changes, an illness or injury noted (and ended), and a
// race that moved. Plain forms to the page's action; each proposal they make shows in the list above them.
import { Form } from '@remix-run/react';
import { day } from '~/utils/analytics-format';
import { Card, Field, RadioGroup, SubmitButton } from '../ui';
import type { ActionResult } from './PlanChanges';

const errorsOf = (r: ActionResult, intent: string) => (r && !r.ok && r.intent === intent ? r.fieldErrors : {});

export function AutoSetting({ planId, auto }: { planId: string; auto: boolean }) {
  return (
    <Card id="auto" title="Small changes" className="adapt-card">
      <Form method="post" className="adapt-form" preventScrollReset>
        <input type="hidden" name="intent" value="adapt-auto" />
        <input type="hidden" name="planId" value={planId} />
        <label className="checkbox adapt-check">
          <input type="checkbox" name="auto" defaultChecked={auto} key={String(auto)} />
          <span>Let small changes apply on their own (a move within the week, a target within ±5 %); you can undo them</span>
        </label>
        <p className="field-hint">Everything else still waits for you. Each change stays listed here with its reason.</p>
        <div className="adapt-actions">
          <SubmitButton size="sm" variant="secondary" pendingText="Saving…" match={{ intent: 'adapt-auto' }}>
            Save
          </SubmitButton>
        </div>
      </Form>
    </Card>
  );
}

type Note = { id: string; kind: 'illness' | 'injury'; from: string; to: string | null; note: string | null };

export function HealthNotes({
  planId,
  notes,
  today,
  waitsForCoach,
  result,
}: {
  planId: string;
  notes: Note[];
  today: string;
  waitsForCoach: boolean;
  result: ActionResult;
}) {
  const errors = errorsOf(result, 'health-add');
  return (
    <Card
      id="health"
      title="Ill or injured"
      className="adapt-card"
      description="Your plan pauses intensity while it lasts and brings it back gradually after, as changes you confirm."
    >
      {notes.length > 0 ? (
        <ul className="adapt-notes">
          {notes.map((n) => (
            <li key={n.id} className="adapt-note">
              <p>
                <strong>{n.kind === 'illness' ? 'Illness' : 'Injury'}</strong> from {day(n.from)}
                {n.to ? ` to ${day(n.to)}` : ', still going'}
                {n.note ? <span className="adapt-note-text"> · {n.note}</span> : null}
              </p>
              {n.to ? null : <EndNote planId={planId} note={n} today={today} result={result} />}
            </li>
          ))}
        </ul>
      ) : null}
      <Form method="post" className="adapt-form" preventScrollReset>
        <input type="hidden" name="intent" value="health-add" />
        <input type="hidden" name="planId" value={planId} />
        <RadioGroup
          label="What is it?"
          name="kind"
          defaultValue="illness"
          options={[
            { value: 'illness', label: 'Illness' },
            { value: 'injury', label: 'Injury' },
          ]}
          error={errors.kind}
        />
        <div className="adapt-dates">
          <Field label="From" name="from" type="date" defaultValue={today} required error={errors.from} />
          <Field label="To" name="to" type="date" optional error={errors.to} />
        </div>
        <label className="checkbox adapt-check">
          <input type="checkbox" name="ongoing" /> <span>Still going</span>
        </label>
        <Field label="A short note" name="note" maxLength={300} optional error={errors.note} />
        <p className="field-hint">
          {waitsForCoach
            ? 'Your coach sees its dates, and decides the changes it proposes.'
            : 'The changes it proposes show above; nothing changes until you confirm.'}
        </p>
        <div className="adapt-actions">
          <SubmitButton size="sm" pendingText="Saving…" match={{ intent: 'health-add' }}>
            Note it
          </SubmitButton>
        </div>
      </Form>
    </Card>
  );
}

function EndNote({ planId, note, today, result }: { planId: string; note: Note; today: string; result: ActionResult }) {
  const errors = errorsOf(result, 'health-end');
  return (
    <Form method="post" className="adapt-form adapt-end" preventScrollReset>
      <input type="hidden" name="intent" value="health-end" />
      <input type="hidden" name="planId" value={planId} />
      <input type="hidden" name="noteId" value={note.id} />
      <Field label="It ended on…" name="to" id={`end-${note.id}`} type="date" min={note.from} max={today} required error={errors.to} />
      <SubmitButton size="sm" variant="secondary" pendingText="Saving…" match={{ intent: 'health-end', noteId: note.id }}>
        Save the end
      </SubmitButton>
    </Form>
  );
}

export function RaceMoved({
  planId,
  eventDate,
  today,
  result,
}: {
  planId: string;
  eventDate: string;
  today: string;
  result: ActionResult;
}) {
  const errors = errorsOf(result, 'race-moved');
  return (
    <Card
      id="race-moved"
      title="My race moved"
      className="adapt-card"
      description={`Race day is ${day(eventDate)}. Give its new date: your plan proposes the weeks from tomorrow made again for it, taper included.`}
    >
      <Form method="post" className="adapt-form adapt-race" preventScrollReset>
        <input type="hidden" name="intent" value="race-moved" />
        <input type="hidden" name="planId" value={planId} />
        <Field label="New race date" name="date" type="date" min={today} required error={errors.date} />
        <SubmitButton size="sm" variant="secondary" pendingText="Proposing…" match={{ intent: 'race-moved' }}>
          Propose the new weeks
        </SubmitButton>
      </Form>
    </Card>
  );
}
