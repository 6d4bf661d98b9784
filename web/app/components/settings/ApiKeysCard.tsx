import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CopyField } from '~/components/admin/CopyField';
import { api, useCardAction, useResource } from '~/components/coach/api';
import { SectionCard } from '~/components/coach/SectionCard';
import { Alert, Badge, Button, Card, Field, FormError, SelectField, SuccessNotice } from '~/components/ui';
import { formatDate } from '~/utils/format';

interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  state: 'active' | 'expired' | 'revoked';
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** A personal key (Pro) or the organisation's team key (Team, its owner): where they live, what they may hold. */
const KINDS = {
  personal: {
    keys: '/api/v1/me/api-keys',
    id: 'keys',
    make: 'Make a key',
    list: 'Your keys',
    intro:
      'A key lets a program of yours (a script, a dashboard, your own assistant) read your training through the Cadence API, with only the scopes you tick.',
    example: '/api/v1/analytics/fitness',
  },
  team: {
    keys: '/api/v1/coach/api-keys',
    id: 'team-keys',
    make: 'Make a team key',
    list: 'Team keys',
    intro:
      'A team key lets your organisation’s tools read your business and the clients who share their training with you (coach routes only, each client by its id), or connect your assistant to the coach MCP address.',
    example: '/api/v1/coach/clients',
  },
} as const;

/** The personal scopes (the API's vocabulary, ADR 105), in its order, as the athlete reads them. */
export const SCOPE_LABELS: Record<string, string> = {
  'activities:read': 'Read activities',
  'analytics:read': 'Read analytics (fitness, volume, bests, curves)',
  'wellness:read': 'Read wellness',
  'plan:read': 'Read your plan and races',
  'plan:write': 'Change your plan (move, skip, edit workouts)',
};

/** The team scopes (coach routes only, ADR 105). */
export const TEAM_SCOPE_LABELS: Record<string, string> = {
  'coach:read': 'Read your business and your sharing clients’ training',
  'coach:write': 'Change bookings, clients and client plans',
};

const EXPIRY = [
  { value: '', label: 'Never (until you revoke it)' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
];

/**
 * Settings → API: personal API keys. The secret is shown once, right after it is made (the server keeps only its
 * hash); the list shows each key's prefix, scopes and use; Revoke ends a key at once.
 */
export function ApiKeysCard({ timeZone, origin, team = false }: { timeZone: string; origin: string; team?: boolean }) {
  const kind = KINDS[team ? 'team' : 'personal'];
  const labels = team ? TEAM_SCOPE_LABELS : SCOPE_LABELS;
  const KEYS = kind.keys;
  const keys = useResource<{ keys: ApiKey[] }>(KEYS);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<ApiKey | null>(null);
  const secretRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (secret) secretRef.current?.focus();
  }, [secret]);

  const { busy, error, notice, run } = useCardAction(() => {
    setConfirming(null);
    keys.reload();
  });

  function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const scopes = form.getAll('scope').map(String);
    const days = String(form.get('expiresInDays') ?? '');
    const target = e.currentTarget;
    void run(async () => {
      const made = await api<{ secret: string }>(KEYS, {
        method: 'POST',
        body: { name: String(form.get('name') ?? ''), scopes, ...(days ? { expiresInDays: Number(days) } : {}) },
      });
      setSecret(made.secret);
      target.reset();
    }, null);
  }

  const revoke = (k: ApiKey) =>
    run(async () => {
      await api(`${KEYS}/${k.id}`, { method: 'DELETE' });
    }, `“${k.name}” is revoked: programs using it get 401 from now on.`);

  return (
    <div className="stack">
      <Card id={team ? 'new-team-key' : 'new-key'} title={kind.make} description={kind.intro}>
        <form className="stack" onSubmit={create} aria-label={team ? 'Make a team API key' : 'Make an API key'}>
          <Field label="Name" name="name" required maxLength={80} hint="What uses it, so you know which to revoke later." />
          <fieldset className="api-key-scopes">
            <legend>What it may do</legend>
            {Object.entries(labels).map(([scope, label]) => (
              <label key={scope} className="check api-key-scope">
                <input type="checkbox" name="scope" value={scope} defaultChecked={scope === 'analytics:read' || scope === 'coach:read'} />{' '}
                <span>{label}</span>
              </label>
            ))}
          </fieldset>
          <SelectField label="Expires" name="expiresInDays" groups={[{ label: 'Expiry', options: EXPIRY }]} />
          <p className="form-actions">
            <Button type="submit" disabled={busy}>
              {busy ? 'Working…' : 'Make key'}
            </Button>
          </p>
        </form>
        {secret ? (
          <div ref={secretRef} tabIndex={-1} className="stack">
            <Alert tone="warning" title="Copy your key now" announce={false}>
              <p>It is shown this once: Cadence keeps only a fingerprint of it. Anyone with it can read what its scopes allow.</p>
            </Alert>
            <CopyField label={team ? 'Your team API key' : 'Your API key'} value={secret} />
          </div>
        ) : null}
        <p className="muted">Call the API with it like this:</p>
        <pre className="api-key-example">
          <code>{`curl -H "Authorization: Bearer $CADENCE_API_KEY" ${origin}${kind.example}`}</code>
        </pre>
        <p className="muted">
          Every operation and the scope it needs: <a href="/api/docs">the API reference</a>. 120 requests a minute per key.
        </p>
      </Card>
      <SectionCard id={kind.id} title={kind.list} resource={keys} noun="API keys" skeletonRows={2}>
        {({ keys: list }) => (
          <div className="stack">
            <SuccessNotice message={notice} />
            <FormError message={error} />
            {confirming ? (
              <Alert tone="warning" title={`Revoke “${confirming.name}”?`}>
                <p>Programs using it stop working at once. To rotate, make the new key first, then revoke this one.</p>
                <p className="form-actions">
                  <Button variant="danger" size="sm" disabled={busy} onClick={() => void revoke(confirming)}>
                    {busy ? 'Working…' : 'Revoke'}
                  </Button>
                  <Button variant="secondary" size="sm" disabled={busy} onClick={() => setConfirming(null)}>
                    Cancel
                  </Button>
                </p>
              </Alert>
            ) : null}
            {list.length === 0 ? <p className="muted">No keys yet.</p> : null}
            <ul className="api-key-list">
              {list.map((k) => (
                <li key={k.id} className="api-key">
                  <p className="api-key-title">
                    <strong>{k.name}</strong> <Badge tone={k.state === 'active' ? 'success' : 'neutral'}>{k.state}</Badge>
                  </p>
                  <dl className="facts">
                    <div>
                      <dt>Key</dt>
                      <dd>
                        <code>{k.prefix}…</code>
                      </dd>
                    </div>
                    <div className="facts-wide">
                      <dt>Scopes</dt>
                      <dd>{k.scopes.join(', ')}</dd>
                    </div>
                    <div>
                      <dt>Made</dt>
                      <dd>{formatDate(k.createdAt, timeZone)}</dd>
                    </div>
                    <div>
                      <dt>Last used</dt>
                      <dd>{k.lastUsedAt ? formatDate(k.lastUsedAt, timeZone) : 'Never'}</dd>
                    </div>
                    <div>
                      <dt>{k.state === 'revoked' ? 'Revoked' : 'Expires'}</dt>
                      <dd>{k.revokedAt ? formatDate(k.revokedAt, timeZone) : k.expiresAt ? formatDate(k.expiresAt, timeZone) : 'Never'}</dd>
                    </div>
                  </dl>
                  {k.state === 'active' ? (
                    <Button variant="secondary" size="sm" onClick={() => setConfirming(k)} aria-label={`Revoke ${k.name}`}>
                      Revoke
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        )}
      </SectionCard>
    </div>
  );
}
