import { Alert, Icon, LiveRegion, SubmitButton } from '../ui';

/** A form's submit button with its outcome beside it: "Saved" on success, the error otherwise. */
export function SaveRow({
  intent,
  label,
  pendingText,
  result,
}: {
  intent: string;
  label: string;
  pendingText: string;
  result?: { ok: boolean; message?: string; formError?: string };
}) {
  return (
    <div className="save-row">
      <SubmitButton pendingText={pendingText} match={{ intent }}>
        {label}
      </SubmitButton>
      <LiveRegion className="save-status">
        {result?.ok && result.message ? (
          <span className="saved">
            <Icon name="check" className="icon icon-sm" /> {result.message}
          </span>
        ) : null}
        {result && !result.ok && result.formError ? (
          <Alert tone="error" announce={false}>
            {result.formError}
          </Alert>
        ) : null}
      </LiveRegion>
    </div>
  );
}
