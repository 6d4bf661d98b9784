import { Link, useFetcher } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { Alert, Button, Card, Field, LiveRegion } from '~/components/ui';
import { localDateOf, localTimeOf } from '~/utils/coach-calendar';
import { isOpen, whenText } from '~/utils/coach-format';
import { BookingStatusBadge } from '../BookingStatus';
import type { CalendarBooking, CalendarResult } from './types';

const minutesOf = (b: CalendarBooking) => Math.round((Date.parse(b.endsAt) - Date.parse(b.startsAt)) / 60_000);

/** The selected booking: details, and complete / no-show / cancel / reschedule through the page's action. */
export function BookingPanel({ booking: b, timeZone, onClose }: { booking: CalendarBooking; timeZone: string; onClose: () => void }) {
  const fetcher = useFetcher<CalendarResult>();
  const heading = useRef<HTMLHeadingElement>(null);
  const busy = fetcher.state !== 'idle';
  const pendingIntent = busy ? String(fetcher.formData?.get('intent') ?? '') : '';
  const result = fetcher.data?.bookingId === b.id ? fetcher.data : undefined;
  const open = isOpen(b.status);

  // Selecting a booking moves focus here, so keyboard and screen-reader users land on its actions.
  // biome-ignore lint/correctness/useExhaustiveDependencies: b.id is the trigger (another booking selected), not an input of the effect.
  useEffect(() => heading.current?.focus(), [b.id]);

  const act = (intent: string, label: string, pending: string, variant: 'primary' | 'secondary' | 'danger-quiet' = 'secondary') => (
    <fetcher.Form method="post" className="cal-act">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="bookingId" value={b.id} />
      <Button type="submit" variant={variant} size="sm" disabled={busy} aria-disabled={busy || undefined}>
        {pendingIntent === intent ? pending : label}
      </Button>
    </fetcher.Form>
  );

  return (
    <Card className="cal-panel">
      <div className="cal-panel-head">
        <h2 className="card-title" tabIndex={-1} ref={heading}>
          {b.clientName ?? 'Booking'}
        </h2>
        <BookingStatusBadge status={b.status} />
        <Button variant="link" className="cal-panel-close" onClick={onClose}>
          Close
        </Button>
      </div>
      <dl className="coach-facts">
        <div>
          <dt>When</dt>
          <dd>
            {whenText(b.startsAt, b.endsAt, timeZone)} ({minutesOf(b)} min)
          </dd>
        </div>
        {b.location ? (
          <div>
            <dt>Where</dt>
            <dd>{b.location}</dd>
          </div>
        ) : null}
        {b.notes ? (
          <div>
            <dt>Notes</dt>
            <dd>{b.notes}</dd>
          </div>
        ) : null}
        <div>
          <dt>Client</dt>
          <dd>
            <Link to={`/coach/clients/${b.clientId}`}>Open {b.clientName ?? 'client'}’s page</Link>
          </dd>
        </div>
      </dl>
      <LiveRegion>
        {result ? (
          <Alert tone={result.ok ? 'success' : 'error'} announce={false}>
            {result.ok ? result.message : (result.formError ?? Object.values(result.fieldErrors)[0] ?? 'That did not work.')}
          </Alert>
        ) : null}
      </LiveRegion>
      <div className="cal-actions">
        {open || b.status === 'completed' ? null : (
          <p className="cal-none">This booking is {b.status === 'no_show' ? 'marked as a no-show' : 'cancelled'}; nothing more to do.</p>
        )}
        {open ? act('complete', 'Complete', 'Completing…', 'primary') : null}
        {b.status === 'completed' ? act('complete', 'Check deduction', 'Checking…') : null}
        {open ? act('no-show', 'Mark no-show', 'Marking…') : null}
        {open || b.status === 'completed'
          ? act('cancel', b.status === 'completed' ? 'Cancel and give the session back' : 'Cancel booking', 'Cancelling…', 'danger-quiet')
          : null}
      </div>
      {open ? (
        <details className="cal-reschedule">
          <summary>Reschedule</summary>
          <fetcher.Form method="post" className="form" key={b.id}>
            <input type="hidden" name="intent" value="reschedule" />
            <input type="hidden" name="bookingId" value={b.id} />
            <div className="form-row">
              <Field
                label="Date"
                name="date"
                id={`re-date-${b.id}`}
                type="date"
                required
                defaultValue={localDateOf(b.startsAt, timeZone)}
                error={result?.fieldErrors.date}
              />
              <Field
                label="Start time"
                name="time"
                id={`re-time-${b.id}`}
                type="time"
                required
                defaultValue={localTimeOf(b.startsAt, timeZone)}
                error={result?.fieldErrors.time}
                hint={`In ${timeZone.replace(/_/g, ' ')}`}
              />
              <Field
                label="Minutes"
                name="duration"
                id={`re-duration-${b.id}`}
                type="number"
                min={5}
                max={600}
                step={5}
                required
                defaultValue={minutesOf(b)}
                error={result?.fieldErrors.duration}
              />
            </div>
            <Button type="submit" variant="secondary" disabled={busy}>
              {pendingIntent === 'reschedule' ? 'Moving…' : 'Move booking'}
            </Button>
          </fetcher.Form>
        </details>
      ) : null}
    </Card>
  );
}
