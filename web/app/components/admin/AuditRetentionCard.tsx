import { Form } from '@remix-run/react';
import { Alert, Card, Field, LiveRegion, SubmitButton } from '~/components/ui';
import type { RetentionResult } from '~/utils/audit.server';

/**
 * Retention in two steps: a dry run names the cutoff and how many rows it would delete; only then is
 * the real run offered, and it needs the word DELETE typed.
 */
export function AuditRetentionCard({ result }: { result?: RetentionResult }) {
  const dry = result?.ok && result.dryRun ? result : null;
  return (
    <Card
      id="retention"
      title="Retention"
      description="Rows older than the retention (at least 365 days) can be deleted. Every run is audited."
    >
      <LiveRegion>
        {result && !result.ok ? <Alert tone="error">{result.message}</Alert> : null}
        {result?.ok && !result.dryRun ? (
          <Alert tone="success">
            Deleted {result.deleted} audit rows from before {result.cutoff}.
          </Alert>
        ) : null}
        {dry ? (
          <Alert tone="info">
            Dry run: {dry.matched} rows are older than {dry.cutoff} ({dry.retentionDays} days).
          </Alert>
        ) : null}
      </LiveRegion>
      <Form method="post" className="audit-retention-form">
        <input type="hidden" name="intent" value="dry-run" />
        <Field label="Retention (days)" name="retentionDays" type="number" min={365} defaultValue={dry?.retentionDays ?? 365} required />
        <SubmitButton variant="secondary" pendingText="Counting…">
          Dry run
        </SubmitButton>
      </Form>
      {dry && dry.matched > 0 ? (
        <Form method="post" className="audit-retention-form">
          <input type="hidden" name="intent" value="purge" />
          <input type="hidden" name="retentionDays" value={dry.retentionDays} />
          <Field
            label={`Delete ${dry.matched} audit rows older than ${dry.cutoff}? Type DELETE`}
            name="confirm"
            autoComplete="off"
            required
          />
          <SubmitButton variant="danger" pendingText="Deleting…">
            Delete {dry.matched} rows
          </SubmitButton>
        </Form>
      ) : null}
    </Card>
  );
}
