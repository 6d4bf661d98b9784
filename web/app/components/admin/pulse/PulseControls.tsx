import { Form } from '@remix-run/react';
import { Badge, Card, SubmitButton } from '~/components/ui';
import type { DataPolicyView, Pulse } from '../../../../../worker/features/ops-pulse';

type PulseDoc = typeof Pulse._output;

const pct = (used: number, limit: number) => (limit > 0 ? Math.min(100, Math.round((used / limit) * 100)) : 0);
const time = (iso: string, tz: string) => new Intl.DateTimeFormat('en-GB', { timeZone: tz, timeStyle: 'medium' }).format(new Date(iso));

/** The emergency brake: its state, and the toggle (a confirmation names what it affects: everyone). */
export function BrakeCard({ brake, canToggle }: { brake: PulseDoc['brake']; canToggle: boolean }) {
  const next = !brake.paused;
  return (
    <Card id="pulse-brake" title="Emergency brake" className="pulse-section">
      <p>
        {brake.paused ? (
          <Badge tone="danger">On: all provider ingestion is paused</Badge>
        ) : (
          <Badge tone="success">Off: ingestion runs</Badge>
        )}
      </p>
      {canToggle ? (
        <Form method="post" preventScrollReset className="pulse-brake">
          <input type="hidden" name="intent" value="brake" />
          <input type="hidden" name="paused" value={String(next)} />
          <label className="pulse-confirm">
            <input type="checkbox" name="confirm" value="yes" required />{' '}
            {next ? 'Pause ingestion for every athlete' : 'Release the brake and re-queue every parked job'}
          </label>
          <SubmitButton variant={next ? 'danger' : 'primary'} size="sm" match={{ intent: 'brake' }} pendingText="Working…">
            {next ? 'Pull the brake' : 'Release the brake'}
          </SubmitButton>
        </Form>
      ) : (
        <p className="pulse-fix-note">Toggling it needs the “system.ingestion_pause” permission.</p>
      )}
    </Card>
  );
}

function Meter({ label, used, limit }: { label: string; used: number; limit: number }) {
  return (
    <div className="pulse-meter">
      <span className="pulse-meter-label">
        {label}: {used} / {limit}
      </span>
      <progress max={limit} value={Math.min(used, limit)} aria-label={`${label}: ${pct(used, limit)}% used`} />
    </div>
  );
}

/** The provider budget's current 15-minute window and day, as the ProviderBudget object holds them. */
export function BudgetCard({ budget, tz }: { budget: PulseDoc['budget']; tz: string }) {
  return (
    <Card id="pulse-budget" title="Strava rate budget" className="pulse-section">
      {budget ? (
        <>
          <p>
            {budget.blockedUntil ? (
              <Badge tone="danger">Blocked until {time(budget.blockedUntil, tz)}</Badge>
            ) : budget.hasRoom ? (
              <Badge tone="success">Has room</Badge>
            ) : (
              <Badge tone="warning">Spent until the window resets</Badge>
            )}{' '}
            {budget.competingAthletes === 1 ? '1 athlete' : `${budget.competingAthletes} athletes`} sharing this window.
          </p>
          <Meter label="Window (all)" used={budget.used.short} limit={budget.limits.short} />
          <Meter label="Window (reads)" used={budget.used.readShort} limit={budget.limits.readShort} />
          <Meter label="Day (all)" used={budget.used.daily} limit={budget.limits.daily} />
          <Meter label="Day (reads)" used={budget.used.readDaily} limit={budget.limits.readDaily} />
          <p className="pulse-note">
            Window resets at {time(budget.windowEndsAt, tz)}; the day at {time(budget.dayEndsAt, tz)}.
          </p>
        </>
      ) : (
        <p className="pulse-empty">The budget could not be read just now; the next refresh tries again.</p>
      )}
    </Card>
  );
}

const ATHLETE_LIMIT_BADGE = {
  unlimited: { tone: 'neutral', label: 'No limit configured' },
  open: { tone: 'success', label: 'Room for new athletes' },
  near: { tone: 'warning', label: 'Nearly full: ask Strava for more' },
  full: { tone: 'danger', label: 'Full: new athletes see the explanation page' },
} as const;

/** Connected Strava athletes against the app's limit: Strava refuses new athletes past it, so operators act before. */
export function AthleteLimitCard({ athletes }: { athletes: PulseDoc['stravaAthletes'] }) {
  const badge = ATHLETE_LIMIT_BADGE[athletes.state];
  return (
    <Card id="pulse-strava-athletes" title="Strava athletes" className="pulse-section">
      <p>
        <Badge tone={badge.tone}>{badge.label}</Badge>
      </p>
      {athletes.limit === null ? (
        <p>
          {athletes.connected === 1 ? '1 athlete' : `${athletes.connected} athletes`} connected. Set STRAVA_ATHLETE_LIMIT to the capacity
          shown in Strava's API settings to count against it.
        </p>
      ) : (
        <>
          <Meter label="Connected" used={athletes.connected} limit={athletes.limit} />
          <p className="pulse-note">
            {athletes.remaining === 0
              ? 'No place left: connecting Strava shows new athletes the upload and device doors instead.'
              : `${athletes.remaining === 1 ? '1 place' : `${athletes.remaining} places`} left. Strava raises the limit only after a review (its Developer Program form), which takes weeks.`}
          </p>
        </>
      )}
    </Card>
  );
}

const USE_LABELS = { owner: 'owner', coach: 'coach', social: 'others', analytics: 'analytics', ai: 'AI coach' } as const;

/** The Strava data policy: the mode in force, what the Strava API source feeds in it, and the switch (confirmed). */
export function DataPolicyCard({ policy, canSwitch }: { policy: DataPolicyView; canSwitch: boolean }) {
  const strict = policy.mode === 'strict';
  const strava = policy.sources.find((s) => s.source === 'strava');
  const feeds = strava
    ? (Object.keys(USE_LABELS) as (keyof typeof USE_LABELS)[]).filter((u) => strava.uses[u]).map((u) => USE_LABELS[u])
    : [];
  const next = strict ? 'default' : 'strict';
  return (
    <Card id="pulse-data-policy" title="Strava data policy" className="pulse-section">
      <p>{strict ? <Badge tone="warning">Strict: Strava’s 2026 API policy</Badge> : <Badge tone="neutral">Default</Badge>}</p>
      <p>
        Strava API activities feed: {feeds.join(', ')}.{' '}
        {strava?.rawCacheDays
          ? `Raw data is kept ${strava.rawCacheDays} days, then reduced to a summary each night.`
          : 'Raw data is kept while connected.'}
      </p>
      {canSwitch ? (
        <Form method="post" preventScrollReset className="pulse-brake">
          <input type="hidden" name="intent" value="data-policy" />
          <input type="hidden" name="mode" value={next} />
          <label className="pulse-confirm">
            <input type="checkbox" name="confirm" value="yes" required />{' '}
            {next === 'strict'
              ? 'Keep Strava API data to each athlete’s own view, out of analytics and the AI coach, and reduce it after 7 days'
              : 'Go back to the default: Strava API data counts in the athlete’s own analytics again'}
          </label>
          <SubmitButton
            variant={next === 'strict' ? 'danger' : 'primary'}
            size="sm"
            match={{ intent: 'data-policy' }}
            pendingText="Working…"
          >
            {next === 'strict' ? 'Switch to strict' : 'Switch to default'}
          </SubmitButton>
        </Form>
      ) : (
        <p className="pulse-fix-note">Switching it needs the “system.data_policy” permission.</p>
      )}
    </Card>
  );
}
