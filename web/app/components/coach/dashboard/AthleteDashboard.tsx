import { Link } from '@remix-run/react';
import type { z } from '@hono/zod-openapi';
import { Badge, type BadgeTone, ButtonLink, Card, EmptyState, Icon, ShareBar } from '~/components/ui';
import { establishingText, FORM_LABELS, sportLabel } from '~/utils/analytics';
import { fixed, hours, signed } from '~/utils/analytics-format';
import { stillToCome } from '~/utils/coach-format';
import { formatDate } from '~/utils/format';
import type { CoachDashboard } from '../../../../../worker/features/coach-os/dashboard/dashboard.schema';

type Dashboard = z.output<typeof CoachDashboard>;
type Row = Dashboard['athletes'][number];

const LEVEL: Record<Row['attention']['level'], { label: string; tone: BadgeTone }> = {
  high: { label: 'Needs you', tone: 'danger' },
  watch: { label: 'Keep an eye', tone: 'warning' },
  ok: { label: 'On track', tone: 'success' },
  waiting: { label: 'Not shared yet', tone: 'neutral' },
};

/** "today", "yesterday", "4 days ago". */
const ago = (days: number) => (days === 0 ? 'Today' : days === 1 ? 'Yesterday' : `${days} days ago`);

function Week({ w }: { w: NonNullable<Row['week']> }) {
  if (!w.hasPlan)
    return (
      <>
        <span>No active plan</span>
        <span className="dash-sub">
          {w.activities.count === 0
            ? 'Nothing shared this week'
            : `${w.activities.count} ${w.activities.count === 1 ? 'activity' : 'activities'} · ${hours(w.activities.durationSec)}`}
        </span>
      </>
    );
  const share = w.planned.durationSec > 0 ? Math.min(1, w.done.durationSec / w.planned.durationSec) : 0;
  const toCome = stillToCome(w);
  return (
    <>
      <span>
        {w.done.count} of {w.planned.count} done
      </span>
      {/* Planned and trained apart: a session off the plan is training too (issue 55), the bar the plan's share. */}
      <span className="dash-sub">{`${hours(w.activities.durationSec)} trained · ${hours(w.planned.durationSec)} planned`}</span>
      {toCome ? <span className="dash-sub">{toCome} still to come, none due yet</span> : null}
      <ShareBar share={share} className="dash-bar" />
    </>
  );
}

function Form({ f }: { f: Row['form'] }) {
  if (!f) return <span className="dash-sub">No shared activities</span>;
  return (
    <>
      <span>
        TSB {signed(f.tsb, 0)} ·{' '}
        {f.establishing || f.form === null ? establishingText(f.establishing?.daysMore ?? 0) : (FORM_LABELS[f.form] ?? f.form)}
      </span>
      {f.rampRate === null ? null : f.rampWarning ? (
        <span>
          <Badge tone="warning">Ramp {signed(f.rampRate, 1)}/wk</Badge>
        </span>
      ) : (
        <span className="dash-sub">Ramp {signed(f.rampRate, 1)}/wk</span>
      )}
    </>
  );
}

function AthleteRow({ a, timeZone }: { a: Row; timeZone: string }) {
  const level = LEVEL[a.attention.level];
  const why =
    a.sharing === 'asked'
      ? `Asked on ${formatDate(a.since, timeZone)}: their training shows here once they agree.`
      : a.attention.reasons.length > 0
        ? a.attention.reasons.map((r) => r.text).join(' · ')
        : 'Nothing to flag this week.';
  return (
    <li className={`dash-row dash-${a.attention.level}`}>
      <div className="dash-who">
        <p className="dash-name">
          <Link to={`/coach/clients/${a.clientId}`} className="dash-link">
            {a.name}
          </Link>{' '}
          <Badge tone={level.tone}>{level.label}</Badge>
        </p>
        <p className="dash-why">{why}</p>
      </div>
      {a.sharing === 'shared' ? (
        <dl className="dash-facts">
          <div>
            <dt>This week</dt>
            <dd>{a.week ? <Week w={a.week} /> : null}</dd>
          </div>
          <div>
            <dt>Form</dt>
            <dd>
              <Form f={a.form} />
            </dd>
          </div>
          <div>
            <dt>Last activity</dt>
            <dd>
              {a.lastActivity ? (
                <>
                  <span>
                    {ago(a.lastActivity.daysAgo)} · {sportLabel(a.lastActivity.sport)}
                  </span>
                  <Link to={`/coach/clients/${a.clientId}/activities/${a.lastActivity.id}`} className="dash-sub dash-activity-name">
                    {a.lastActivity.name}
                  </Link>
                </>
              ) : (
                <span className="dash-sub">None shared yet</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Plan editing</dt>
            <dd>
              <span>{a.planEdit ? 'Shared' : 'Not shared'}</span>
              <span className="dash-sub">{a.planEdit ? 'You may change their plan' : 'View only'}</span>
            </dd>
          </div>
        </dl>
      ) : null}
    </li>
  );
}

/**
 * The overview's first card: every client who shares their training (and those asked), who needs the
 * coach first at the top, each row saying why and opening the client. Empty: how to ask a client to share.
 */
export function AthleteDashboard({ data, clientCount, timeZone }: { data: Dashboard; clientCount: number; timeZone: string }) {
  const { athletes, notAsked, rules } = data;
  return (
    <Card
      id="athletes"
      title="Your athletes"
      description="Who needs you first, from what they share with you. Weeks run Monday to Sunday in each athlete’s time zone."
      className="dash"
    >
      {athletes.length === 0 ? (
        <EmptyState
          icon={<Icon name="users" />}
          title="No athletes share their training with you yet"
          level={3}
          actions={
            <ButtonLink to={clientCount === 0 ? '/coach/clients#add-client' : '/coach/clients'} variant="secondary" size="sm">
              {clientCount === 0 ? 'Add a client' : 'Open your clients'}
            </ButtonLink>
          }
        >
          <p>
            When a client also trains with Cadence, open their page and, under <strong>Training</strong>, ask them to share with the email
            of their Cadence account. They agree in their own settings and can stop at any time.
          </p>
          <p>Then their week, form and latest activity show here, sorted by who needs you first.</p>
        </EmptyState>
      ) : (
        <>
          <ol className="dash-list">
            {athletes.map((a) => (
              <AthleteRow key={a.clientId} a={a} timeZone={timeZone} />
            ))}
          </ol>
          <details className="coach-disclosure dash-rules">
            <summary>How this list is sorted</summary>
            <ul>
              <li>Each missed workout of the last 7 days counts most (up to three).</li>
              <li>Then deep fatigue: form (TSB) below {signed(rules.deepTsb, 0)}, more the deeper it goes.</li>
              <li>Then a steep ramp: fitness (CTL) up more than {fixed(rules.rampWarn)} in 7 days.</li>
              <li>
                Then going quiet: no shared activity for {rules.quietDays} days or more (or none at all), and last, workouts moved in the
                last 7 days.
              </li>
              <li>Clients who have not shared yet come at the end.</li>
            </ul>
          </details>
          {notAsked > 0 ? (
            <p className="dash-note">
              {notAsked} {notAsked === 1 ? 'client has' : 'clients have'} not been asked to share their training.{' '}
              <Link to="/coach/clients">Open a client</Link> and ask under Training.
            </p>
          ) : null}
        </>
      )}
    </Card>
  );
}
