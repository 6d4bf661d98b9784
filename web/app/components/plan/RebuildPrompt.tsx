import { Link, useFetcher, useLocation, useSearchParams } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { Alert, Button, Card } from '../ui';
import type { RebuildAdviceView } from '~/utils/intake';

type Outcome = { ok: false; message: string } | undefined;

/**
 * "Rebuild plan?": the reasons with their numbers, then the athlete's choice. Rebuilding asks once more,
 * saying what happens; nothing changes until they confirm. The confirm step is an address
 * (?rebuild=confirm), so it works without JavaScript too.
 */
export function RebuildPrompt({ rebuild, planId }: { rebuild: RebuildAdviceView | null; planId: string }) {
  const fetcher = useFetcher<Outcome>();
  const [params] = useSearchParams();
  const location = useLocation();
  const confirming = params.get('rebuild') === 'confirm';
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming) panel.current?.focus();
  }, [confirming]);
  if (!rebuild?.suggested) return null;

  const without = new URLSearchParams(params);
  without.delete('rebuild');
  const back = `${location.pathname}${without.size ? `?${without}` : ''}`;
  const withConfirm = new URLSearchParams(without);
  withConfirm.set('rebuild', 'confirm');
  const busy = fetcher.state !== 'idle';
  const action = `/plan-rebuild/${planId}`;

  return (
    <Card
      id="rebuild"
      title="Rebuild plan?"
      description="Your activities have arrived, and they differ from what your plan started from."
      className="card-accent"
    >
      <ul className="rebuild-reasons">
        {rebuild.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {fetcher.data && !fetcher.data.ok ? <Alert tone="error">{fetcher.data.message}</Alert> : null}
      {confirming ? (
        <div className="rebuild-confirm" ref={panel} tabIndex={-1} role="group" aria-labelledby="rebuild-confirm-text">
          <p id="rebuild-confirm-text">
            Your current plan is kept in your history, and a new plan from your own data starts tomorrow, with the same goal and training
            days. It doesn't use your monthly plan allowance.
          </p>
          <fetcher.Form method="post" action={action} className="form-actions">
            <input type="hidden" name="back" value={back} />
            <Button type="submit" name="intent" value="rebuild" disabled={busy}>
              {busy ? 'Rebuilding…' : 'Yes, rebuild my plan'}
            </Button>
            <Link to={back} className="btn btn-secondary" preventScrollReset replace>
              Not now
            </Link>
          </fetcher.Form>
        </div>
      ) : (
        <fetcher.Form method="post" action={action} className="form-actions">
          <input type="hidden" name="back" value={back} />
          <Link to={`${location.pathname}?${withConfirm}`} className="btn btn-primary" preventScrollReset replace>
            Rebuild plan
          </Link>
          <Button type="submit" name="intent" value="keep" variant="secondary" disabled={busy}>
            {busy ? 'Saving…' : 'Keep my plan'}
          </Button>
        </fetcher.Form>
      )}
    </Card>
  );
}
