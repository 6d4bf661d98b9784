import { ACTION_LABELS, NOT_UNDOABLE } from '~/utils/plans';
import { Button, Card } from '../ui';

interface Change {
  id: string;
  action: string;
  source: string;
  reason: string | null;
  undone: boolean;
  when: string;
  /** What it did, before → after, in words. */
  lines: string[];
}

const SOURCE: Record<string, string> = { athlete: 'You', coach: 'Your coach', ai: 'AI coach', ai_proposal: 'AI coach', system: 'Cadence' };

/** Every change to the plan, newest first, each with its own undo (the server says when it can't). */
export function ChangeHistory({ changes, busy, onUndo }: { changes: Change[]; busy: boolean; onUndo: (id: string) => void }) {
  return (
    <Card
      id="history"
      title="Change history"
      description="What changed in your plan, by whom and why. Undo any change that later ones didn't touch."
    >
      {changes.length === 0 ? (
        <p className="plan-muted">No changes yet. Moves, skips and edits will be listed here.</p>
      ) : (
        <ul className="plan-history">
          {changes.map((c) => (
            <li key={c.id} className={c.undone ? 'is-undone' : undefined}>
              <div className="plan-history-what">
                <span className="plan-history-action">{ACTION_LABELS[c.action] ?? c.action}</span>
                <span className="plan-muted">
                  {' '}
                  · {c.when} · {SOURCE[c.source] ?? c.source}
                  {c.undone ? ' · undone' : ''}
                </span>
                {c.lines.length ? (
                  <div className="plan-history-lines">
                    {c.lines.map((line) => (
                      <p key={line}>{line}</p>
                    ))}
                  </div>
                ) : null}
                {c.reason ? <p className="plan-history-reason">{c.reason}</p> : null}
              </div>
              {!c.undone && !NOT_UNDOABLE.has(c.action) ? (
                <Button
                  variant="secondary"
                  size="sm"
                  disabled={busy}
                  onClick={() => onUndo(c.id)}
                  aria-label={`Undo: ${ACTION_LABELS[c.action] ?? c.action}, ${c.when}`}
                >
                  Undo
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
