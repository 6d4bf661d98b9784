import { Form } from '@remix-run/react';
import { SubmitButton } from '~/components/ui';
import type { PulseRow } from '../../../../../worker/features/ops-pulse';

/**
 * The button that fixes a row, with the reason the audit log keeps (pre-filled, editable). A button the
 * viewer may not press says what it needs; one that would do harm now says why it is not offered.
 */
export function PulseFixForm({ row, allowed }: { row: PulseRow; allowed: Record<string, boolean> }) {
  const fix = row.fix;
  if (!fix) return null;
  // Per-athlete operator actions: the same button as on the athlete page, for the row's athlete.
  if (!fix.path && !row.userId) return null;
  if (!allowed[fix.permission]) return <p className="pulse-fix-note">{`${fix.label} needs the “${fix.permission}” permission.`}</p>;
  if (!fix.available) return <p className="pulse-fix-note">{fix.note}</p>;
  const inputId = `reason-${fix.intent}-${row.id}`;
  // Deferred athletes are keyed "<user>:<source>"; their button acts on the athlete.
  const target = fix.intent === 'resume-athlete' || !fix.path ? (row.userId ?? row.id) : row.id;
  return (
    <Form method="post" preventScrollReset className="pulse-fix">
      <input type="hidden" name="intent" value={fix.intent} />
      <input type="hidden" name="id" value={target} />
      <label htmlFor={inputId} className="pulse-fix-label">
        Reason
      </label>
      <input
        id={inputId}
        name="reason"
        className="input pulse-fix-reason"
        defaultValue={`Ops Pulse: ${row.label}`}
        maxLength={500}
        required
      />
      <SubmitButton size="sm" variant="secondary" match={{ intent: fix.intent, id: target }} pendingText="Working…">
        {fix.label}
      </SubmitButton>
      {fix.note ? <p className="pulse-fix-note">{fix.note}</p> : null}
    </Form>
  );
}
