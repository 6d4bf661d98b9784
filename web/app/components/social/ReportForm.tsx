// "Report" under someone else's post, comment or profile: a reason (and a note), folded away until asked for. A plain
// form posted to the page it sits on, so it works without JavaScript.
import { Form } from '@remix-run/react';
import { Button, SelectField } from '../ui';

const LABELS: Record<string, string> = {
  spam: 'Spam or advertising',
  harassment: 'Harassment or bullying',
  hate: 'Hate',
  sexual: 'Sexual content',
  violence: 'Violence or threats',
  privacy: 'Shares private information',
  impersonation: 'Pretends to be someone else',
  cheating: 'Cheating (a faked activity)',
  other: 'Something else',
};

/** A report reason as the reporter chose it from this form; the moderation queue shows the same words. */
export const reportReasonLabel = (reason: string) => LABELS[reason] ?? reason;

export function ReportForm({ kind, id, reasons }: { kind: 'post' | 'comment' | 'profile'; id: string; reasons: readonly string[] }) {
  return (
    <details className="report-form">
      <summary>Report this {kind}</summary>
      <Form method="post" className="stack" aria-label={`Report this ${kind}`}>
        <input type="hidden" name="intent" value="report" />
        <input type="hidden" name="targetKind" value={kind} />
        <input type="hidden" name="targetId" value={id} />
        <SelectField
          label="Why"
          name="reason"
          id={`report-reason-${id}`}
          groups={[{ label: 'Reasons', options: reasons.map((r) => ({ value: r, label: reportReasonLabel(r) })) }]}
        />
        <div className="field">
          <label htmlFor={`report-note-${id}`} className="field-label">
            Anything a moderator should know (optional)
          </label>
          <textarea id={`report-note-${id}`} name="note" className="input" maxLength={500} rows={2} />
        </div>
        <div>
          <Button type="submit" size="sm" variant="secondary">
            Send the report
          </Button>
        </div>
      </Form>
    </details>
  );
}
