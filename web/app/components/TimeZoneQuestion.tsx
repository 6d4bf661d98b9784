import { useFetcher } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { Alert } from './ui';
import { useAppUser } from './useAppUser';

/**
 * Issue 37: an account still on a zone it never chose (the old UTC default) is asked once whether to
 * use the device's. Either answer is saved on the account (Settings' action), so no other device asks again.
 */
export function TimeZoneQuestion() {
  const user = useAppUser();
  const fetcher = useFetcher<{ ok: boolean; formError?: string; fieldErrors?: Record<string, string> }>();
  // Only the browser knows its zone: nothing shows until the page runs.
  const [device, setDevice] = useState<string | null>(null);
  useEffect(() => setDevice(Intl.DateTimeFormat().resolvedOptions().timeZone || null), []);
  const answered = fetcher.state !== 'idle' || fetcher.data?.ok === true;
  if (!user.askTimeZone || !device || device === user.timeZone || answered) return null;
  const error = fetcher.data && !fetcher.data.ok ? (fetcher.data.formError ?? Object.values(fetcher.data.fieldErrors ?? {})[0]) : null;
  return (
    <Alert tone="info" title="Your time zone" className="time-zone-question" announce={false}>
      <p>
        Your device is set to <strong>{device}</strong>; Cadence uses <strong>{user.timeZone}</strong> for your days and reminders. Use{' '}
        {device}?
      </p>
      {error ? <p role="alert">{error}</p> : null}
      <fetcher.Form method="post" action="/settings" className="form-actions">
        <input type="hidden" name="intent" value="time-zone" />
        <input type="hidden" name="timeZone" value={device} />
        <button type="submit" name="answer" value="use" className="btn btn-primary">
          Use {device}
        </button>
        <button type="submit" name="answer" value="keep" className="btn btn-secondary">
          Keep {user.timeZone}
        </button>
      </fetcher.Form>
    </Alert>
  );
}
