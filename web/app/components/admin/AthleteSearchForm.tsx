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

/** A GET form: the search lives in the URL, so results can be shared, reloaded and paged. */
export function AthleteSearchForm({ q, role }: { q: string; role: string }) {
  return (
    <Form method="get" role="search" aria-label="Athletes" className="support-search">
      <Field
        label="Email, name or id (partial)"
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
