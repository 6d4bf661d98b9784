import { Form } from '@remix-run/react';
import type { DoorWellnessView } from '~/utils/door-wellness.server';
import { Alert, Badge, Card, LiveRegion, SubmitButton } from '../ui';

/** Why older nights never arrive, said wherever the door's wellness is (Data sources, /wellness). */
export const windowWords = (w: Pick<DoorWellnessView, 'label' | 'windowDays'>) =>
  `${w.label.split(' ')[0]} keeps ${w.windowDays} nights: older nights can’t be fetched.`;

/** When the last fetch ran, or that none has yet. */
export const lastPollWords = (w: Pick<DoorWellnessView, 'lastPoll' | 'lastPollRecords'>) =>
  w.lastPoll
    ? `Last fetched ${w.lastPoll}${w.lastPollRecords === null ? '' : ` (${w.lastPollRecords === 1 ? '1 record' : `${w.lastPollRecords} records`})`}.`
    : 'Not fetched yet.';

/**
 * "Wellness from Polar" beside the Polar card on Settings → Data (ADR 072): the athlete's separate consent to bring
 * their sleep and Nightly Recharge HRV in, off by default. Works without JS (a plain form post).
 */
export function DoorWellnessCard({ wellness: w, formError }: { wellness: DoorWellnessView; formError?: string }) {
  const brand = w.label.split(' ')[0];
  return (
    <Card
      id={`${w.provider}-wellness`}
      title={`Wellness from ${brand}`}
      description={`Your sleep (time and sleep score) and Nightly Recharge HRV, fetched from ${w.label} once a day. Health data: only you see it unless you share wellness with your coach.`}
      actions={<Badge tone={w.enabled ? 'success' : 'neutral'}>{w.enabled ? 'On' : 'Off'}</Badge>}
    >
      <p className="card-text card-text-muted">
        {windowWords(w)} {w.enabled ? lastPollWords(w) : null}
      </p>
      {!w.connected ? (
        <p>Connect {w.label} above first.</p>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="door-wellness" />
          <input type="hidden" name="provider" value={w.provider} />
          <input type="hidden" name="enabled" value={w.enabled ? 'off' : 'on'} />
          <LiveRegion>
            {formError ? (
              <Alert tone="error" announce={false}>
                {formError}
              </Alert>
            ) : null}
          </LiveRegion>
          <SubmitButton
            variant={w.enabled ? 'secondary' : 'primary'}
            pendingText="Saving…"
            match={{ intent: 'door-wellness', provider: w.provider }}
          >
            {w.enabled ? `Stop and delete wellness from ${brand}` : `Bring in wellness from ${brand}`}
          </SubmitButton>
          {w.enabled ? (
            <p className="card-text card-text-muted">
              Turning it off stops the fetches and deletes the nights Cadence keeps from {brand} (your check-ins stay).
            </p>
          ) : null}
        </Form>
      )}
    </Card>
  );
}
