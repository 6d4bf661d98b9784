import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, FormError, LiveRegion } from '~/components/ui';
import { CONSENT_LABEL } from '~/utils/coach-format';
import { api, ApiError, fieldErrorsOf, useResource } from '../api';
import { ClientFields } from '../ClientFields';
import { SectionCard } from '../SectionCard';

export interface ClientProfile {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  notes: string;
  smsConsent: 'unknown' | 'granted' | 'revoked';
  athleteLinked: boolean;
  archived: boolean;
}

/** The client's details, fetched on their own; "Edit" saves with PATCH and shows errors beside fields. */
export function ProfileSection({ clientId, onRenamed }: { clientId: string; onRenamed: (name: string) => void }) {
  const profile = useResource<ClientProfile>(`/api/v1/coach/clients/${clientId}`);
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    setSaving(true);
    setErrors({});
    setFormError(null);
    try {
      const c = await api<ClientProfile>(`/api/v1/coach/clients/${clientId}`, {
        method: 'PATCH',
        body: {
          name: text('name'),
          phone: text('phone') || null,
          email: text('email') || null,
          notes: String(f.get('notes') ?? ''),
          smsConsent: String(f.get('smsConsent') ?? 'unknown'),
        },
      });
      setEditing(false);
      setSaved(true);
      onRenamed(c.name);
      profile.reload();
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      if (Object.keys(fields).length === 0 || !(err instanceof ApiError) || err.code !== 'VALIDATION') setFormError((err as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <SectionCard
      id="profile"
      title="Profile"
      noun="profile"
      resource={profile}
      skeletonRows={4}
      actions={
        profile.state === 'ready' && !editing ? (
          <Button variant="secondary" size="sm" onClick={() => (setEditing(true), setSaved(false))}>
            Edit
          </Button>
        ) : null
      }
    >
      {(c) =>
        editing ? (
          <form className="form" onSubmit={save} noValidate>
            <FormError message={formError} />
            <ClientFields idPrefix="profile" values={c} errors={errors} />
            <div className="form-actions">
              <Button type="submit" disabled={saving}>
                {saving ? 'Saving…' : 'Save'}
              </Button>
              <Button variant="secondary" onClick={() => (setEditing(false), setErrors({}), setFormError(null))} disabled={saving}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <>
            <LiveRegion>
              {saved ? (
                <Alert tone="success" announce={false}>
                  Saved.
                </Alert>
              ) : null}
            </LiveRegion>
            <dl className="coach-facts">
              <div>
                <dt>Phone</dt>
                <dd>{c.phone ?? '—'}</dd>
              </div>
              <div>
                <dt>Email</dt>
                <dd>{c.email ?? '—'}</dd>
              </div>
              <div>
                <dt>SMS</dt>
                <dd>
                  <Badge tone={c.smsConsent === 'granted' ? 'success' : c.smsConsent === 'revoked' ? 'danger' : 'neutral'}>
                    {CONSENT_LABEL[c.smsConsent]}
                  </Badge>
                </dd>
              </div>
              <div>
                <dt>Notes</dt>
                <dd className="coach-pre">{c.notes || '—'}</dd>
              </div>
            </dl>
          </>
        )
      }
    </SectionCard>
  );
}
