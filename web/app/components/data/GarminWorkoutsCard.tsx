import { Form } from '@remix-run/react';
import { Alert, Badge, Card, LiveRegion, SubmitButton } from '../ui';

export interface GarminConsentView {
  connected: boolean;
  workoutImport: boolean;
  enabled: boolean;
}

/**
 * On the Garmin card's side of Settings → Data: the separate consent to send planned workouts to Garmin Connect
 * (ADR 057). Off by default; it needs the Garmin connection, with workout import allowed on Garmin's page.
 */
export function GarminWorkoutsCard({ consent, formError }: { consent: GarminConsentView; formError?: string }) {
  return (
    <Card
      id="garmin-workouts"
      title="Send planned workouts to Garmin"
      description="Workouts you send from your training calendar appear in Garmin Connect on their day, ready on your watch; when you edit, move or remove one, Garmin follows."
      actions={<Badge tone={consent.enabled ? 'success' : 'neutral'}>{consent.enabled ? 'On' : 'Off'}</Badge>}
    >
      {!consent.connected ? (
        <p>Connect Garmin Connect above first.</p>
      ) : !consent.workoutImport ? (
        <Alert tone="warning" title="Your Garmin connection does not allow workout import" announce={false}>
          <p>Connect again and leave “Workout import” ticked on Garmin’s page.</p>
        </Alert>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="garmin-workouts" />
          <input type="hidden" name="enabled" value={consent.enabled ? 'off' : 'on'} />
          <LiveRegion>
            {formError ? (
              <Alert tone="error" announce={false}>
                {formError}
              </Alert>
            ) : null}
          </LiveRegion>
          <SubmitButton variant={consent.enabled ? 'secondary' : 'primary'} pendingText="Saving…" match={{ intent: 'garmin-workouts' }}>
            {consent.enabled ? 'Stop sending workouts to Garmin' : 'Send planned workouts to Garmin'}
          </SubmitButton>
        </Form>
      )}
    </Card>
  );
}
