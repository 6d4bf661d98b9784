import { useRevalidator } from '@remix-run/react';
import { useState } from 'react';
import { Button, Card, EmptyState, FormError, SuccessNotice } from '~/components/ui';
import { TemplateApply } from './TemplateApply';
import { TemplateBuilder } from './TemplateBuilder';

export interface Template {
  id: string;
  name: string;
  weeks: number;
  items: { week: number; weekday: number; libraryWorkoutId: string; title: string }[];
}
export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * The org's plan templates: each one's weeks at a glance and "Apply to clients…"; "New template" builds a
 * block of weeks from the library's workouts by weekday.
 */
export function TemplatesPanel({
  templates,
  library,
  clients,
  nextMonday,
}: {
  templates: Template[];
  library: { id: string; title: string; folder: string | null }[];
  clients: { id: string; name: string }[];
  nextMonday: string;
}) {
  const revalidator = useRevalidator();
  const [building, setBuilding] = useState(false);
  const [applying, setApplying] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Card
      title="Plan templates"
      id="library-templates"
      className="coach-section"
      description="Weeks of library workouts, put on clients’ plans from the Monday you choose."
      actions={
        !building && library.length > 0 ? (
          <Button size="sm" onClick={() => setBuilding(true)}>
            New template
          </Button>
        ) : null
      }
    >
      <div className="coach-section-body">
        <SuccessNotice message={notice} />
        <FormError message={null} />
        {building ? (
          <TemplateBuilder
            library={library}
            onSaved={(name) => {
              setBuilding(false);
              setNotice(`Saved the template ${name}.`);
              revalidator.revalidate();
            }}
            onCancel={() => setBuilding(false)}
          />
        ) : null}
        {templates.length === 0 ? (
          <EmptyState title="No templates yet">
            {library.length
              ? 'Put library workouts on the days of a few weeks, then apply them to clients.'
              : 'Start with a workout in the library.'}
          </EmptyState>
        ) : (
          <ul className="library-list">
            {templates.map((t) => (
              <li key={t.id} className="library-template">
                <div className="library-item-what">
                  <span className="library-item-title">{t.name}</span>
                  <span className="coach-list-meta">
                    {t.weeks} {t.weeks === 1 ? 'week' : 'weeks'} · {t.items.length} {t.items.length === 1 ? 'workout' : 'workouts'}
                  </span>
                  <ul className="library-template-items">
                    {t.items.slice(0, 8).map((i) => (
                      <li
                        key={`${i.week}-${i.weekday}-${i.libraryWorkoutId}`}
                      >{`Week ${i.week} ${WEEKDAY_NAMES[i.weekday]}: ${i.title}`}</li>
                    ))}
                    {t.items.length > 8 ? <li>and {t.items.length - 8} more</li> : null}
                  </ul>
                </div>
                {applying === t.id ? (
                  <TemplateApply template={t} clients={clients} nextMonday={nextMonday} onClose={() => setApplying(null)} />
                ) : (
                  <Button size="sm" variant="secondary" onClick={() => setApplying(t.id)} aria-label={`Apply ${t.name} to clients`}>
                    Apply to clients…
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
