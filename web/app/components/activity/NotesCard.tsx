// The athlete's own note and feel (RPE 1–10) on an activity: a plain form (it works without JavaScript),
// saved through the same rules as PATCH /api/v1/activities/{id}/notes.
import { Form } from '@remix-run/react';
import { Card, FormError, LiveRegion, Alert, SubmitButton } from '~/components/ui';
import type { ActivityReview } from '~/utils/activity-review.server';

type Notes = NonNullable<ActivityReview['notes']>;
export type NotesResult =
  | { intent: 'notes'; ok: true }
  | { intent: 'notes'; ok: false; fieldErrors: Record<string, string>; formError?: string };

/** What each RPE means, in the words of the modified Borg scale athletes know. */
export const RPE_WORDS: Record<number, string> = {
  1: 'Very easy',
  2: 'Easy',
  3: 'Moderate',
  4: 'Somewhat hard',
  5: 'Hard',
  6: 'Hard',
  7: 'Very hard',
  8: 'Very hard',
  9: 'Extremely hard',
  10: 'Maximal',
};

export function NotesCard({ notes, result, updatedText }: { notes: Notes; result?: NotesResult | undefined; updatedText: string | null }) {
  const errors = result && !result.ok ? result.fieldErrors : {};
  return (
    <Card
      id="notes"
      title="Notes and feel"
      description={
        notes.shownToOthers
          ? 'How it went, in your own words, and how hard it felt. A coach you share your training with can read them.'
          : 'How it went, in your own words, and how hard it felt. Only you see them: Strava’s terms keep this activity from your coach.'
      }
    >
      <Form method="post" className="notes-form" preventScrollReset>
        <input type="hidden" name="intent" value="notes" />
        <fieldset className="rpe-scale" aria-describedby={errors.rpe ? 'rpe-error' : undefined}>
          <legend className="field-label">How hard did it feel? (RPE, 1–10)</legend>
          <div className="rpe-options">
            {Array.from({ length: 10 }, (_, k) => k + 1).map((n) => (
              <label key={n} className="rpe-option" title={RPE_WORDS[n]}>
                <input type="radio" name="rpe" value={n} defaultChecked={notes.rpe === n} />
                <span>{n}</span>
              </label>
            ))}
            <label className="rpe-option rpe-none">
              <input type="radio" name="rpe" value="" defaultChecked={notes.rpe === null} />
              <span>Not set</span>
            </label>
          </div>
          <p className="field-hint">1 very easy · 5 hard · 7 very hard · 10 maximal</p>
          {errors.rpe ? (
            <p id="rpe-error" className="field-error">
              {errors.rpe}
            </p>
          ) : null}
        </fieldset>
        <div className={errors.note ? 'field field-invalid' : 'field'}>
          <label htmlFor="field-note" className="field-label">
            Note
          </label>
          <textarea
            id="field-note"
            name="note"
            className="input notes-textarea"
            rows={4}
            maxLength={4000}
            defaultValue={notes.note ?? ''}
            placeholder="Legs felt heavy on the first reps, better after the third…"
            aria-invalid={errors.note ? true : undefined}
            aria-describedby={errors.note ? 'field-note-error' : undefined}
          />
          {errors.note ? (
            <p id="field-note-error" className="field-error">
              {errors.note}
            </p>
          ) : null}
        </div>
        <div className="notes-actions">
          <SubmitButton pendingText="Saving…" match={{ intent: 'notes' }}>
            Save
          </SubmitButton>
          {updatedText ? <span className="muted">Last saved {updatedText}</span> : null}
        </div>
        <LiveRegion>
          {result?.ok ? (
            <Alert tone="success" announce={false}>
              Saved.
            </Alert>
          ) : null}
        </LiveRegion>
        <FormError message={result && !result.ok ? result.formError : null} />
      </Form>
    </Card>
  );
}

/** The note and RPE as a reader who may not change them sees them (a coach's view). */
export function NotesReadOnly({ note, rpe }: { note: string | null; rpe: number | null }) {
  return (
    <div className="notes-read">
      {rpe !== null ? (
        <p className="notes-rpe">
          RPE {rpe} <span className="muted">· {RPE_WORDS[rpe]}</span>
        </p>
      ) : null}
      {note ? <p className="notes-text">{note}</p> : null}
    </div>
  );
}
