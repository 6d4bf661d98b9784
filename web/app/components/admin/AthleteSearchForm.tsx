import { Form } from '@remix-run/react';
import { Button, Field, SelectField } from '~/components/ui';

const ROLE_OPTIONS = [
  { value: '', label: 'Any role' },
  { value: 'athlete', label: 'Athletes' },
  { value: 'coach', label: 'Coaches' },
  { value: 'admin', label: 'Admins' },
  { value: 'owner', label: 'Owners' },
  { value: 'demo', label: 'Demo' },
];

/**
 * A GET form: the search lives in the URL, so results can be shared, reloaded and paged. Without `pii`
 * the search matches ids only (masked emails and names are not searched), and the label says so.
 */
export function AthleteSearchForm({ q, role, pii }: { q: string; role: string; pii: boolean }) {
  return (
    <Form method="get" role="search" aria-label="Athletes" className="support-search">
      <Field
        label={pii ? 'Email, name or id (partial)' : 'Account id (full or first characters)'}
        name="q"
        type="search"
        defaultValue={q}
        maxLength={200}
        autoComplete="off"
        className="support-search-q"
      />
      <SelectField
        label="Role"
        name="role"
        defaultValue={role}
        groups={[{ label: 'Role', options: ROLE_OPTIONS }]}
        className="support-search-role"
      />
      <Button type="submit" className="support-search-go">
        Search
      </Button>
    </Form>
  );
}
