import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, Badge, Card, LiveRegion, PageHeader, SubmitButton, type BadgeTone } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { formValues } from '~/utils/forms.server';
import { dayName } from '~/utils/calendar';
import { formatDateTime } from '~/utils/format';
import { loadWorkoutOnGarmin, sendWorkoutToGarmin, setGarminConsent } from '~/utils/garmin-training.server';

// /training/workouts/:id/garmin: one planned workout on the athlete's Garmin (ADR 057) — its state, last sent, the
// error Garmin gave, and what Garmin cannot represent, said before the Send button. The separate consent is given
// here too, where the athlete first needs it (Settings → Data keeps the switch).
export const meta: MetaFunction = () => [{ title: 'Send to Garmin · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const idOf = (raw: string | undefined) => {
  if (!raw || !UUID.test(raw)) throw new Response('Not found', { status: 404 });
  return raw;
};

const STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  not_sent: { label: 'Not sent', tone: 'neutral' },
  queued: { label: 'Sending', tone: 'info' },
  sent: { label: 'On Garmin', tone: 'success' },
  failed: { label: 'Not sent: see why', tone: 'danger' },
  removed: { label: 'Removed from Garmin', tone: 'neutral' },
};

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const garmin = await loadWorkoutOnGarmin(args.context, viewer, idOf(args.params.id));
  // In the athlete's own zone, as Settings shows times (not the server's locale).
  const sentAt = garmin.sentAt ? formatDateTime(garmin.sentAt, viewer.user.timeZone) : null;
  return { id: idOf(args.params.id), garmin, sentAt };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const id = idOf(args.params.id);
  const values = formValues(await args.request.formData());
  const failed =
    values.intent === 'garmin-workouts'
      ? await setGarminConsent(args.context, viewer, values)
      : await sendWorkoutToGarmin(args.context, viewer, id, values);
  if (failed) return data(failed, { status: 400 });
  return redirect(`/training/workouts/${id}/garmin`);
}

export default function WorkoutOnGarmin() {
  const { id, garmin, sentAt } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const status = STATUS[garmin.status] ?? STATUS.not_sent!;
  const { consent, workout } = garmin;
  const formError = result?.formError ? (
    <LiveRegion>
      <Alert tone="error" announce={false}>
        {result.formError}
        {result.reason === 'GARMIN_UNREPRESENTABLE' ? ' Tick “Send it anyway” to send it as Garmin can hold it.' : null}
      </Alert>
    </LiveRegion>
  ) : (
    <LiveRegion />
  );
  return (
    <>
      <PageHeader
        eyebrow={<Link to={`/training?date=${workout.date}&workout=${id}`}>Training</Link>}
        title="Send to Garmin"
        description={
          <>
            <strong>{workout.title}</strong> · {dayName(workout.date)}. It goes to Garmin Connect on its day, and follows your plan when it
            changes.
          </>
        }
      />
      <Card title="On your Garmin" id="garmin-state" actions={<Badge tone={status.tone}>{status.label}</Badge>}>
        <dl className="facts">
          {sentAt ? (
            <div>
              <dt>Last sent</dt>
              <dd>{sentAt}</dd>
            </div>
          ) : null}
          {garmin.scheduledDate ? (
            <div>
              <dt>On Garmin’s calendar</dt>
              <dd>{dayName(garmin.scheduledDate)}</dd>
            </div>
          ) : null}
        </dl>
        {garmin.error ? (
          <Alert tone="error" title="Garmin did not take it" announce={false}>
            <p>{garmin.error}</p>
          </Alert>
        ) : null}
        {!consent.connected ? (
          <p>
            Connect Garmin Connect in <Link to="/settings/data#garmin">Settings → Data</Link> first.
          </p>
        ) : !consent.workoutImport ? (
          <Alert tone="warning" title="Your Garmin connection does not allow workout import" announce={false}>
            <p>
              Connect again in <Link to="/settings/data#garmin">Settings → Data</Link> and leave “Workout import” ticked on Garmin’s page.
            </p>
          </Alert>
        ) : !consent.enabled ? (
          <Form method="post">
            <input type="hidden" name="intent" value="garmin-workouts" />
            <input type="hidden" name="enabled" value="on" />
            <p>
              Sending workouts to Garmin is off. Turned on, the workouts you send appear in Garmin Connect on their day, ready on your
              watch, and follow your plan when you edit, move or remove them. Turn it off any time in{' '}
              <Link to="/settings/data#garmin-workouts">Settings → Data</Link>.
            </p>
            {formError}
            <SubmitButton variant="primary" pendingText="Turning on…" match={{ intent: 'garmin-workouts' }}>
              Turn on sending workouts to Garmin
            </SubmitButton>
          </Form>
        ) : !workout.current ? (
          <p>
            This workout is skipped, or its plan is not active: nothing of it stays on Garmin.{' '}
            <Link to={`/training?date=${workout.date}&workout=${id}`}>Restore it on Training</Link> to send it again.
          </p>
        ) : garmin.sendable ? (
          <Form method="post">
            {garmin.unrepresentable.length ? (
              <Alert tone="warning" title="What Garmin cannot show as it is here" announce={false}>
                <ul>
                  {garmin.unrepresentable.map((u) => (
                    <li key={u}>{u}</li>
                  ))}
                </ul>
                <label>
                  <input type="checkbox" name="acknowledged" /> Send it anyway
                </label>
              </Alert>
            ) : null}
            {formError}
            <SubmitButton variant="primary" pendingText="Sending…">
              {garmin.status === 'sent' ? 'Send again' : 'Send to Garmin'}
            </SubmitButton>
          </Form>
        ) : (
          <Alert tone="info" title="This workout cannot go to Garmin" announce={false}>
            <p>{garmin.unrepresentable.join(' ')}</p>
          </Alert>
        )}
      </Card>
    </>
  );
}
