import { Form } from '@remix-run/react';
import { Alert, Badge, Card, LiveRegion, SubmitButton } from '../ui';

export interface GarminWellnessView {
  connected: boolean;
  healthExport: boolean;
  enabled: boolean;
  since: string | null;
}

/**
 * Settings → Data, beside the Garmin door: the athlete's consent to keep wellness from Garmin (ADR 071). Off by
 * default; it needs Garmin's own "Health" permission too. Turning it off deletes what came from Garmin.
 */
export function GarminWellnessCard({ consent, formError }: { consent: GarminWellnessView; formError?: string }) {
  return (
    <Card
      id="garmin-wellness"
      title="Wellness from Garmin: sleep, HRV, resting HR, stress, weight"
      description="Your nights, HRV, resting heart rate, stress, steps, weight and VO₂max as Garmin sends them, on Home and the Wellness page, attributed to Garmin. Only you see them unless you share wellness with a coach."
      actions={<Badge tone={consent.enabled ? 'success' : 'neutral'}>{consent.enabled ? 'On' : 'Off'}</Badge>}
    >
      {!consent.connected ? (
        <p>Connect Garmin Connect above first.</p>
      ) : !consent.healthExport ? (
        <Alert tone="warning" title="Your Garmin connection does not share health data" announce={false}>
          <p>Connect again and leave “Health” ticked on Garmin’s page.</p>
        </Alert>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="garmin-wellness" />
          <input type="hidden" name="enabled" value={consent.enabled ? 'off' : 'on'} />
          <p>
            {consent.enabled
              ? 'Turning this off stops storing them and deletes the wellness readings Cadence keeps from Garmin (your check-ins stay).'
              : 'Turning this on asks Garmin for your last year; it arrives over the following minutes to hours.'}
          </p>
          <LiveRegion>
            {formError ? (
              <Alert tone="error" announce={false}>
                {formError}
              </Alert>
            ) : null}
          </LiveRegion>
          <SubmitButton variant={consent.enabled ? 'secondary' : 'primary'} pendingText="Saving…" match={{ intent: 'garmin-wellness' }}>
            {consent.enabled ? 'Stop and delete wellness from Garmin' : 'Keep wellness from Garmin'}
          </SubmitButton>
        </Form>
      )}
    </Card>
  );
}
