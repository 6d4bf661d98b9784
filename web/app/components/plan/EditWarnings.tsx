// After a move, add or edit the plan's rules would not have made (ADR 104): what it did — hard days side by side,
// or the week's load past its ramp — and what the rules would do instead. The change stands; this only says so.
import { Alert, Button } from '../ui';
import type { EditWarningView } from './usePlanActions';

const TITLES: Record<EditWarningView['code'], string> = {
  stacked_hard_days: 'Hard days together',
  load_jump: 'A jump in the week’s load',
};

export function EditWarnings({ warnings, onDismiss }: { warnings: EditWarningView[] | undefined; onDismiss: () => void }) {
  if (!warnings?.length) return null;
  return (
    <div className="plan-edit-warnings">
      {warnings.map((w) => (
        <Alert key={`${w.code}:${w.message}`} tone="warning" title={TITLES[w.code]}>
          <p>{w.message}</p>
          <p>
            <strong>The plan’s rules would:</strong> {w.instead}
          </p>
        </Alert>
      ))}
      <Button size="sm" variant="link" onClick={onDismiss}>
        Keep it as it is
      </Button>
    </div>
  );
}
