import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, Badge, Card, LiveRegion, PageHeader, SubmitButton, type BadgeTone } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { formValues } from '~/utils/forms.server';
import { loadWorkoutOnGarmin, sendWorkoutToGarmin } from '~/utils/garmin-training.server';

// /training/workouts/:id/garmin: one planned workout on the athlete's Garmin (ADR 057) — its state, last sent, the
// error Garmin gave, and what Garmin cannot represent, said before the Send button.
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
  return { id: idOf(args.params.id), garmin: await loadWorkoutOnGarmin(args.context, viewer, idOf(args.params.id)) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const id = idOf(args.params.id);
  const failed = await sendWorkoutToGarmin(args.context, viewer, id, formValues(await args.request.formData()));
  if (failed) return data(failed, { status: 400 });
  return redirect(`/training/workouts/${id}/garmin`);
}

export default function WorkoutOnGarmin() {
  const { garmin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const status = STATUS[garmin.status] ?? STATUS.not_sent!;
  return (
    <>
      <PageHeader
        title="Send to Garmin"
        description="The workout goes to Garmin Connect, on its day, and follows your plan when it changes."
      />
      <Card title="On your Garmin" id="garmin-state" actions={<Badge tone={status.tone}>{status.label}</Badge>}>
        <dl className="facts">
          {garmin.sentAt ? (
            <div>
              <dt>Last sent</dt>
              <dd>{new Date(garmin.sentAt).toLocaleString()}</dd>
            </div>
          ) : null}
          {garmin.scheduledDate ? (
            <div>
              <dt>On Garmin’s calendar</dt>
              <dd>{garmin.scheduledDate}</dd>
            </div>
          ) : null}
        </dl>
        {garmin.error ? (
          <Alert tone="error" title="Garmin did not take it" announce={false}>
            <p>{garmin.error}</p>
          </Alert>
        ) : null}
        {!garmin.consent.enabled ? (
          <p>
            Turn on “Send planned workouts to Garmin” in <Link to="/settings/data#garmin-workouts">Settings → Data</Link> first.
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
            <LiveRegion>
              {result?.formError ? (
                <Alert tone="error" announce={false}>
                  {result.formError}
                </Alert>
              ) : null}
            </LiveRegion>
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
