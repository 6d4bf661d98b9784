import { Link as RouterLink } from '@remix-run/react';
import { SourceAttribution } from '../../SourceAttribution';
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Field, FormError, ShareBar, SuccessNotice } from '~/components/ui';
import { establishingText, FORM_LABELS, sportLabel } from '~/utils/analytics';
import { day, dayShort, distanceFromMetres, fixed, hours } from '~/utils/analytics-format';
import { formatDate } from '~/utils/format';
import { api, ApiError, fieldErrorsOf, useResource } from '../api';
import { SectionCard, SectionError, Skeleton } from '../SectionCard';
import { ClientNotes } from './ClientNotes';
import { ClientCalendar } from './ClientCalendar';

type Units = 'km' | 'mi';

interface Link {
  id: string;
  email: string;
  status: 'pending' | 'accepted';
  athleteName: string | null;
  createdAt: string;
  decidedAt: string | null;
}

interface Training {
  athlete: { name: string; sharedSince: string | null };
  today: string;
  current: { ctl: number; atl: number; tsb: number; form: string | null; establishing: { daysMore: number } | null } | null;
  weeks: { weekStart: string; distanceM: number; movingS: number; load: number; count: number }[];
  recent: {
    id: string;
    name: string;
    sport: string;
    date: string;
    distanceM: number;
    movingTimeS: number;
    source: string;
    device: string | null;
  }[];
  activityCount: number;
  notShared: number;
}

/**
 * The client's own Cadence training, once they agree to share it: the coach asks by email, the athlete
 * answers in their settings, and either can end it. Only what the data-use policy lets others see.
 */
export function TrainingSection({
  clientId,
  clientEmail,
  units,
  timeZone,
  onStatus,
}: {
  clientId: string;
  clientEmail: string | null;
  units: Units;
  timeZone: string;
  /** Told the link's status whenever it is (re)loaded, so the page can frame the rest. */
  onStatus?: (status: Link['status'] | 'none') => void;
}) {
  const link = useResource<{ link: Link | null }>(`/api/v1/coach/clients/${clientId}/athlete-link`);
  const status = link.state === 'ready' ? (link.data.link?.status ?? 'none') : null;
  useEffect(() => {
    if (status) onStatus?.(status);
  }, [status, onStatus]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(null);
    setFieldError(undefined);
    try {
      await action();
      setNotice(done);
      setConfirming(false);
      link.reload();
    } catch (err) {
      const fields = fieldErrorsOf(err);
      if (fields.email) setFieldError(fields.email);
      else setError(err instanceof ApiError ? err.message : 'That did not work. Please try again.');
    } finally {
      setBusy(false);
    }
  }

  function ask(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const email = String(new FormData(e.currentTarget).get('email') ?? '').trim();
    if (!email) return setFieldError('Enter the email of their Cadence account');
    void run(() => api(`/api/v1/coach/clients/${clientId}/athlete-link`, { body: { email } }), `Asked ${email} to share their training.`);
  }
  const end = (done: string) => run(() => api(`/api/v1/coach/clients/${clientId}/athlete-link`, { method: 'DELETE' }), done);

  const current = link.state === 'ready' ? link.data.link : null;
  return (
    <SectionCard
      id="training"
      title="Training"
      noun="client’s training link"
      resource={link}
      actions={
        current?.status === 'accepted' && !confirming ? (
          <Button variant="secondary" size="sm" onClick={() => (setConfirming(true), setNotice(null))}>
            Unlink
          </Button>
        ) : null
      }
    >
      {(d) => (
        <>
          <SuccessNotice message={notice} />
          <FormError message={error} />
          {d.link === null ? (
            <form className="form" onSubmit={ask} noValidate>
              <p className="coach-muted">
                Link this client to their Cadence account to see their fitness, weekly volume and recent activities. They decide whether to
                share, and can stop at any time.
              </p>
              <Field
                label="Their Cadence email"
                name="email"
                id="training-email"
                type="email"
                autoComplete="off"
                defaultValue={clientEmail ?? ''}
                error={fieldError}
              />
              <div className="form-actions">
                <Button type="submit" disabled={busy}>
                  {busy ? 'Asking…' : 'Ask to share'}
                </Button>
              </div>
            </form>
          ) : d.link.status === 'pending' ? (
            <div className="training-pending">
              <p className="coach-list-title">
                <Badge tone="info">Waiting</Badge> Asked <span className="training-email">{d.link.email}</span>
              </p>
              <p className="coach-list-meta">Sent {formatDate(d.link.createdAt, timeZone)}. They answer in their Cadence settings.</p>
              <Button variant="secondary" size="sm" disabled={busy} onClick={() => void end('Request cancelled.')}>
                {busy ? 'Cancelling…' : 'Cancel request'}
              </Button>
            </div>
          ) : (
            <>
              {confirming ? (
                <Alert tone="warning" title={`Stop seeing ${d.link.athleteName ? `${d.link.athleteName}’s` : 'their'} training?`}>
                  <p>They will be told, and can share again if you ask.</p>
                  <p className="form-actions">
                    <Button variant="danger" size="sm" disabled={busy} onClick={() => void end('Unlinked.')}>
                      {busy ? 'Unlinking…' : 'Unlink'}
                    </Button>
                    <Button variant="secondary" size="sm" disabled={busy} onClick={() => setConfirming(false)}>
                      Keep
                    </Button>
                  </p>
                </Alert>
              ) : null}
              <SharedTraining clientId={clientId} units={units} timeZone={timeZone} />
            </>
          )}
        </>
      )}
    </SectionCard>
  );
}

function SharedTraining({ clientId, units, timeZone }: { clientId: string; units: Units; timeZone: string }) {
  const training = useResource<Training>(`/api/v1/coach/clients/${clientId}/training`);
  if (training.state === 'loading') return <Skeleton rows={4} label="Loading their training…" />;
  if (training.state === 'error') return <SectionError noun="client’s training" error={training.error} onRetry={training.reload} />;
  const t = training.data;
  const longest = Math.max(1, ...t.weeks.map((w) => w.movingS));
  return (
    <div className="training">
      <p className="coach-list-meta">
        Shared by {t.athlete.name}
        {t.athlete.sharedSince ? ` since ${formatDate(t.athlete.sharedSince, timeZone)}` : ''}.
      </p>
      {t.current ? (
        <dl className="stat-row training-stats">
          <div className="stat">
            <dt>Fitness (CTL)</dt>
            <dd className="stat-value">{fixed(t.current.ctl, 1)}</dd>
          </div>
          <div className="stat">
            <dt>Fatigue (ATL)</dt>
            <dd className="stat-value">{fixed(t.current.atl, 1)}</dd>
          </div>
          <div className="stat">
            <dt>Form (TSB)</dt>
            <dd className="stat-value">{fixed(t.current.tsb, 1)}</dd>
            <dd className="training-form">
              {t.current.establishing || t.current.form === null
                ? establishingText(t.current.establishing?.daysMore ?? 0)
                : (FORM_LABELS[t.current.form] ?? t.current.form)}
            </dd>
          </div>
        </dl>
      ) : (
        <p className="coach-muted">No shared activities yet: fitness appears once they log or upload some.</p>
      )}

      <ClientCalendar clientId={clientId} name={t.athlete.name} units={units} timeZone={timeZone} notShared={t.notShared} />

      <h3 className="coach-subtitle">Last {t.weeks.length} weeks</h3>
      <ol className="training-weeks">
        {t.weeks.map((w) => (
          <li key={w.weekStart} className="training-week">
            <span className="training-week-label">{dayShort(w.weekStart)}</span>
            <ShareBar share={w.movingS / longest} className="training-bar" />
            <span className="training-week-value">
              {w.count === 0 ? 'Rest' : `${hours(w.movingS)} · ${distanceFromMetres(w.distanceM, units)}`}
            </span>
          </li>
        ))}
      </ol>

      <h3 className="coach-subtitle">Recent activities</h3>
      {t.recent.length === 0 ? (
        <p className="coach-muted">Nothing shared yet.</p>
      ) : (
        <ul className="coach-list">
          {t.recent.map((a) => (
            <li key={a.id} className="coach-list-item">
              <div className="coach-list-main">
                <p className="coach-list-title">
                  {/* The activity's page for the coach: the athlete's own page, read-only, and the conversation on it. */}
                  <RouterLink to={`/coach/clients/${clientId}/activities/${a.id}`}>{a.name}</RouterLink>
                </p>
                <p className="coach-list-meta">
                  {day(a.date)} · {sportLabel(a.sport)}
                  {a.distanceM > 0 ? ` · ${distanceFromMetres(a.distanceM, units)}` : ''} · {hours(a.movingTimeS)} ·{' '}
                  <SourceAttribution source={a.source} device={a.device} />
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <ClientNotes clientId={clientId} />
      {t.notShared > 0 ? (
        <p className="table-note">
          {t.notShared} {t.notShared === 1 ? 'activity' : 'activities'} from Strava {t.notShared === 1 ? 'is' : 'are'} not shown: Strava
          lets only the athlete see their Strava data.
        </p>
      ) : null}
    </div>
  );
}
