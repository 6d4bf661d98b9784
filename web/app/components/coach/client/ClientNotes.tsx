// What a linked athlete wrote about their recent shared sessions: RPE and note, read-only for the coach.
import { Link } from '@remix-run/react';
import { NotesReadOnly } from '~/components/activity/NotesCard';
import { sportLabel } from '~/utils/analytics';
import { day } from '~/utils/analytics-format';
import { useResource } from '../api';
import { SectionError, Skeleton } from '../SectionCard';

interface SharedNote {
  activityId: string;
  name: string;
  sport: string;
  date: string;
  note: string | null;
  rpe: number | null;
}

export function ClientNotes({ clientId }: { clientId: string }) {
  const notes = useResource<{ notes: SharedNote[] }>(`/api/v1/coach/clients/${clientId}/activity-notes`);
  return (
    <>
      <h3 className="coach-subtitle">Notes and feel</h3>
      {notes.state === 'loading' ? (
        <Skeleton rows={2} label="Loading their notes…" />
      ) : notes.state === 'error' ? (
        <SectionError noun="client’s notes" error={notes.error} onRetry={notes.reload} />
      ) : notes.data.notes.length === 0 ? (
        <p className="coach-muted">No notes on their last six weeks of shared sessions.</p>
      ) : (
        <ul className="coach-list client-notes">
          {notes.data.notes.map((n) => (
            <li key={n.activityId} className="coach-list-item">
              <div className="coach-list-main">
                <p className="coach-list-title">
                  <Link to={`/coach/clients/${clientId}/activities/${n.activityId}`}>{n.name}</Link>
                </p>
                <p className="coach-list-meta">
                  {day(n.date)} · {sportLabel(n.sport)}
                </p>
                <NotesReadOnly note={n.note} rpe={n.rpe} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
