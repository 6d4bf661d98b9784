import { useRef, useState } from 'react';
import { CopyField } from '~/components/admin/CopyField';
import { Alert, Badge, Button, LiveRegion, type BadgeTone } from '~/components/ui';
import { formatDateTime, formatCalendarDate } from '~/utils/format';
import { sessionsText } from '~/utils/coach-format';
import { api, ApiError, useResource } from '../api';
import { SectionCard } from '../SectionCard';

interface Pkg {
  id: string;
  name: string;
  sessionsTotal: number;
  sessionsRemaining: number;
  sessionsUsed: number;
  purchasedOn: string;
  expiresOn: string | null;
  status: 'active' | 'expired' | 'used_up' | 'cancelled';
}
interface Entry {
  id: string;
  kind: 'use' | 'release';
  packageId: string;
  bookingId: string | null;
  releaseOf: string | null;
  at: string;
}
type LedgerResult = { ledgerId: string; packageId: string; remaining: number; replayed: boolean };

const STATUS: Record<Pkg['status'], { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'success' },
  expired: { label: 'Expired', tone: 'warning' },
  used_up: { label: 'Used up', tone: 'neutral' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

type Notice = { tone: 'success' | 'error' | 'warning'; text: string } | null;

/**
 * Packages and the session ledger. "Use 1 session" makes one idempotency key when a click intent
 * starts and keeps it until the server gives a definite answer, so retrying after a dropped
 * connection can never deduct twice; the button is disabled while a use is in flight.
 */
export function PackagesSection({
  clientId,
  timeZone,
  types,
}: {
  clientId: string;
  timeZone: string;
  types: { id: string; name: string }[];
}) {
  const packages = useResource<{ packages: Pkg[]; ledger: Entry[] }>(`/api/v1/coach/clients/${clientId}/packages`);
  const intentKey = useRef<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [link, setLink] = useState<string | null>(null);
  const [typeId, setTypeId] = useState(types[0]?.id ?? '');

  async function run(label: string, work: () => Promise<string>) {
    setBusy(label);
    setNotice(null);
    try {
      setNotice({ tone: 'success', text: await work() });
      packages.reload();
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', 'Something went wrong.');
      setNotice({ tone: e.status === 0 || e.status >= 500 ? 'warning' : 'error', text: e.message });
    } finally {
      setBusy(null);
    }
  }

  const onUseOne = () =>
    run('use', async () => {
      intentKey.current ??= crypto.randomUUID();
      try {
        const r = await api<LedgerResult>(`/api/v1/coach/clients/${clientId}/sessions/use`, {
          body: { idempotencyKey: intentKey.current },
        });
        intentKey.current = null;
        return r.replayed ? `Already counted — ${sessionsText(r.remaining)} left.` : `1 session used — ${r.remaining} left.`;
      } catch (err) {
        // No answer (network, 5xx): the next click retries this same intent with the same key.
        if (err instanceof ApiError && err.status > 0 && err.status < 500) intentKey.current = null;
        else throw new ApiError(0, 'RETRY', 'No answer from Cadence. Press “Use 1 session” again to retry — it will not be counted twice.');
        throw err;
      }
    });

  const undo = (entry: Entry) =>
    run(`undo:${entry.id}`, async () => {
      const r = await api<LedgerResult>(`/api/v1/coach/clients/${clientId}/sessions/release`, { body: { ledgerId: entry.id } });
      return r.replayed ? 'That use was already undone.' : `Session given back — ${sessionsText(r.remaining)} left in that package.`;
    });

  const give = () =>
    run('give', async () => {
      const p = await api<{ name: string; sessionsTotal: number }>(`/api/v1/coach/clients/${clientId}/packages`, {
        body: { packageTypeId: typeId },
      });
      return `Added “${p.name}” (${sessionsText(p.sessionsTotal)}).`;
    });

  const sendLink = () =>
    run('link', async () => {
      setLink(null);
      const r = await api<{ url: string }>(`/api/v1/coach/clients/${clientId}/checkout-links`, { body: { packageTypeId: typeId } });
      setLink(r.url);
      return 'Payment link ready: copy it and send it to your client. The package is added when they pay.';
    });

  return (
    <SectionCard
      id="packages"
      title="Packages & sessions"
      noun="packages"
      resource={packages}
      skeletonRows={4}
      isEmpty={(d) => d.packages.length === 0}
      empty={{ icon: 'ticket', title: 'No packages yet', text: 'Give a package below, or send a payment link.' }}
    >
      {(d) => {
        const names = new Map(d.packages.map((p) => [p.id, p.name]));
        const released = new Set(d.ledger.filter((l) => l.kind === 'release').map((l) => l.releaseOf));
        const left = d.packages.filter((p) => p.status === 'active').reduce((n, p) => n + p.sessionsRemaining, 0);
        return (
          <>
            {d.packages.length > 0 ? (
              <>
                <div className="coach-use-row">
                  <p className="coach-big">
                    <strong>{left}</strong> {left === 1 ? 'session' : 'sessions'} left
                  </p>
                  <Button
                    onClick={onUseOne}
                    disabled={busy !== null || left === 0}
                    aria-disabled={busy !== null || left === 0 || undefined}
                  >
                    {busy === 'use' ? 'Using…' : 'Use 1 session'}
                  </Button>
                </div>
                <ul className="coach-list">
                  {d.packages.map((p) => (
                    <li key={p.id} className="coach-list-item">
                      <div className="coach-list-main">
                        <p className="coach-list-title">{p.name}</p>
                        <p className="coach-list-meta">
                          {p.sessionsRemaining} of {p.sessionsTotal} left · bought {formatCalendarDate(p.purchasedOn)}
                          {p.expiresOn ? ` · expires ${formatCalendarDate(p.expiresOn)}` : ' · no expiry'}
                        </p>
                        <meter
                          className="coach-meter"
                          min={0}
                          max={p.sessionsTotal}
                          value={p.sessionsRemaining}
                          aria-label={`${p.name}: ${p.sessionsRemaining} of ${p.sessionsTotal} left`}
                        />
                      </div>
                      <Badge tone={STATUS[p.status].tone}>{STATUS[p.status].label}</Badge>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <LiveRegion>
              {notice ? (
                <Alert tone={notice.tone} announce={false}>
                  {notice.text}
                </Alert>
              ) : null}
            </LiveRegion>
            {link ? <CopyField label="Payment link" value={link} /> : null}
            {types.length > 0 ? (
              <div className="coach-give">
                <div className="field">
                  <label htmlFor="give-type" className="field-label">
                    Package type
                  </label>
                  <select id="give-type" className="input select" value={typeId} onChange={(e) => setTypeId(e.target.value)}>
                    {types.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.name}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="coach-give-actions">
                  <Button variant="secondary" onClick={give} disabled={busy !== null}>
                    {busy === 'give' ? 'Adding…' : 'Give package'}
                  </Button>
                  <Button variant="secondary" onClick={sendLink} disabled={busy !== null}>
                    {busy === 'link' ? 'Creating link…' : 'Send payment link'}
                  </Button>
                </div>
              </div>
            ) : (
              <p className="coach-muted">
                Define a package type on the <a href="/coach/clients#package-types">clients page</a> to give packages or send payment links.
              </p>
            )}
            {d.ledger.length > 0 ? (
              <details className="coach-disclosure">
                <summary>Session ledger ({d.ledger.length})</summary>
                <ul className="coach-ledger">
                  {d.ledger.map((l) => (
                    <li key={l.id} className="coach-ledger-item">
                      <span className={l.kind === 'use' ? 'coach-ledger-use' : 'coach-ledger-release'}>
                        {l.kind === 'use' ? '−1 used' : '+1 given back'}
                      </span>
                      <span className="coach-ledger-meta">
                        {names.get(l.packageId) ?? 'Package'} · {l.bookingId ? 'booking' : 'by hand'} · {formatDateTime(l.at, timeZone)}
                      </span>
                      {l.kind === 'use' && !released.has(l.id) ? (
                        <Button
                          variant="link"
                          onClick={() => undo(l)}
                          disabled={busy !== null}
                          aria-label={`Undo the use of ${formatDateTime(l.at, timeZone)}`}
                        >
                          {busy === `undo:${l.id}` ? 'Undoing…' : 'Undo'}
                        </Button>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </>
        );
      }}
    </SectionCard>
  );
}
