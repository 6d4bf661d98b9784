import { useFetcher } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { Alert, Button, Field, FormError, LiveRegion, SelectField } from '~/components/ui';
import type { CalendarResult } from './types';

interface Props {
  clients: { id: string; name: string }[];
  defaultDate: string;
  timeZone: string;
}

/** Book a session at an org-local date and time; a clash with another booking is said beside the time. */
export function NewBookingForm({ clients, defaultDate, timeZone }: Props) {
  const fetcher = useFetcher<CalendarResult>();
  const form = useRef<HTMLFormElement>(null);
  const result = fetcher.data?.intent === 'create' ? fetcher.data : undefined;
  const busy = fetcher.state !== 'idle';

  useEffect(() => {
    if (fetcher.state === 'idle' && result?.ok) form.current?.reset();
  }, [fetcher.state, result]);

  if (clients.length === 0) return <p className="cal-none">Add a client first: bookings are made for a client.</p>;
  const v = result && !result.ok ? result.values : undefined;
  return (
    <fetcher.Form method="post" className="form cal-new-form" ref={form} noValidate>
      <input type="hidden" name="intent" value="create" />
      <LiveRegion>
        {result?.ok ? (
          <Alert tone="success" announce={false}>
            {result.message}
          </Alert>
        ) : null}
      </LiveRegion>
      <FormError message={result && !result.ok ? result.formError : null} />
      <SelectField
        label="Client"
        name="clientId"
        groups={[{ label: 'Clients', options: clients.map((c) => ({ value: c.id, label: c.name })) }]}
        defaultValue={v?.clientId}
        error={result?.fieldErrors.clientId}
      />
      <div className="form-row">
        <Field label="Date" name="date" type="date" required defaultValue={v?.date ?? defaultDate} error={result?.fieldErrors.date} />
        <Field
          label="Start time"
          name="time"
          type="time"
          required
          defaultValue={v?.time ?? '09:00'}
          error={result?.fieldErrors.time}
          hint={`In ${timeZone.replace(/_/g, ' ')}`}
        />
        <Field
          label="Minutes"
          name="duration"
          type="number"
          min={5}
          max={600}
          step={5}
          required
          defaultValue={v?.duration ?? '60'}
          error={result?.fieldErrors.duration}
        />
      </div>
      <Field label="Location" name="location" optional maxLength={200} defaultValue={v?.location} error={result?.fieldErrors.location} />
      <Field label="Notes" name="notes" optional maxLength={2000} defaultValue={v?.notes} error={result?.fieldErrors.notes} />
      <Button type="submit" disabled={busy} aria-disabled={busy || undefined}>
        {busy ? 'Booking…' : 'Book session'}
      </Button>
    </fetcher.Form>
  );
}
