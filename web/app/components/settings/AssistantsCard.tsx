import { CopyField } from '~/components/admin/CopyField';
import { api, useCardAction, useResource } from '~/components/coach/api';
import { SectionCard } from '~/components/coach/SectionCard';
import { Button, FormError, SuccessNotice } from '~/components/ui';
import { formatDate } from '~/utils/format';
import { SCOPE_LABELS } from './ApiKeysCard';

interface Assistant {
  id: string;
  clientName: string;
  redirectHost: string | null;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

const ASSISTANTS = '/api/v1/me/assistants';

/**
 * Settings → API: an AI assistant connected by OAuth (ADR 107). The MCP address to paste into the assistant, which
 * then sends the athlete to Cadence's consent page; the assistants connected, each disconnected in one click.
 */
export function AssistantsCard({ timeZone, origin }: { timeZone: string; origin: string }) {
  const list = useResource<{ assistants: Assistant[] }>(ASSISTANTS);
  const { busy, error, notice, run } = useCardAction(list.reload);

  const disconnect = (a: Assistant) =>
    run(async () => {
      await api(`${ASSISTANTS}/${a.id}`, { method: 'DELETE' });
    }, `“${a.clientName}” is disconnected: it can no longer read your training.`);

  return (
    <SectionCard
      id="assistants"
      title="AI assistants"
      description="Let your own assistant (Claude, ChatGPT or another that speaks MCP) read your training: add Cadence as a connector with this address, then allow it here when it asks."
      resource={list}
      noun="connected assistants"
      skeletonRows={1}
    >
      {({ assistants }) => (
        <div className="stack">
          <CopyField label="MCP server address" value={`${origin}/mcp`} />
          <p className="muted">
            It reads only: units in every field, your local dates, and the activities and days behind each figure. Activities from Strava’s
            API are never passed to an assistant (Strava’s terms).
          </p>
          <SuccessNotice message={notice} />
          <FormError message={error} />
          {assistants.length === 0 ? (
            <p className="muted">No assistant connected yet.</p>
          ) : (
            <ul className="api-key-list">
              {assistants.map((a) => (
                <li key={a.id} className="api-key">
                  <p className="api-key-title">
                    <strong>{a.clientName}</strong>
                  </p>
                  <dl className="facts">
                    <div>
                      <dt>Runs on</dt>
                      <dd>{a.redirectHost ?? 'Unknown'}</dd>
                    </div>
                    <div className="facts-wide">
                      <dt>May read</dt>
                      <dd>{a.scopes.map((s) => SCOPE_LABELS[s] ?? s).join('; ')}</dd>
                    </div>
                    <div>
                      <dt>Connected</dt>
                      <dd>{formatDate(a.createdAt, timeZone)}</dd>
                    </div>
                    <div>
                      <dt>Last used</dt>
                      <dd>{a.lastUsedAt ? formatDate(a.lastUsedAt, timeZone) : 'Not yet'}</dd>
                    </div>
                  </dl>
                  <Button
                    variant="secondary"
                    size="sm"
                    disabled={busy}
                    onClick={() => void disconnect(a)}
                    aria-label={`Disconnect ${a.clientName}`}
                  >
                    Disconnect
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </SectionCard>
  );
}
