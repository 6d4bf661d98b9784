// Controls the viewer's membership does not include, shown locked where they would be: what each does in
// one line and the link to the plan that has it. Nothing here calls the API, so nothing can be refused.
import { Link } from '@remix-run/react';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { TIERS, unlockingTier, upgradePath, type Feature } from '~/utils/membership';
import { PLAN_CONTROLS, type PlanControl } from '~/utils/plan-locks';
import { ButtonLink, cx, Icon } from '../ui';

const planName = (feature: Feature) => TIERS[unlockingTier(feature)].name;
// Placed before paint in the browser; the server renders it closed, so it has nothing to place.
const useIsoLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect;

/** The drawer's locked controls, one line each, under the plan that has them and one upgrade link per plan. */
export function LockedControls({ locked }: { locked: { control: PlanControl; feature: Feature }[] }) {
  const id = useId();
  const features = [...new Set(locked.map((l) => l.feature))];
  return (
    <>
      {features.map((feature) => (
        <section key={feature} className="locked-controls" aria-labelledby={`${id}-${feature}`}>
          <h3 className="locked-controls-h" id={`${id}-${feature}`}>
            <Icon name="lock" className="icon locked-icon" /> Part of {planName(feature)}
          </h3>
          <ul className="locked-list">
            {locked
              .filter((l) => l.feature === feature)
              .map(({ control }) => (
                <li key={control} className="locked-item" data-locked={control}>
                  <span className="locked-name">
                    <Icon name="lock" className="icon locked-icon" />
                    {PLAN_CONTROLS[control].label}
                  </span>
                  <span className="locked-line">{PLAN_CONTROLS[control].line}</span>
                </li>
              ))}
          </ul>
          <ButtonLink to={upgradePath(feature)} size="sm" className="locked-upgrade">
            Upgrade to {planName(feature)}
          </ButtonLink>
        </section>
      ))}
    </>
  );
}

/**
 * A control too small for its line (a calendar day's "Add", a week's "Adjust load"): a locked button that
 * discloses the line and the upgrade link beside it. Escape or a click elsewhere closes it.
 */
export function LockedButton({
  control,
  feature,
  label,
  name,
  className,
}: {
  control: PlanControl;
  feature: Feature;
  /** What the button shows; the control's label when absent. */
  label?: string;
  /** Its accessible name, when the label alone is ambiguous ("Add a workout on Thu 26 Nov"). */
  name?: string;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const [placed, setPlaced] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const note = useRef<HTMLDivElement>(null);
  const id = useId();

  // Placed in the viewport beside the button (below it, or above near the bottom), never wider than the screen.
  useIsoLayoutEffect(() => {
    if (!open || !button.current) return;
    const b = button.current.getBoundingClientRect();
    const width = Math.min(280, window.innerWidth - 24);
    const height = note.current?.offsetHeight ?? 0;
    const below = b.bottom + 6 + height <= window.innerHeight;
    // Through the CSSOM, which the CSP allows (a server-rendered style attribute would be dropped).
    if (note.current)
      Object.assign(note.current.style, {
        left: `${Math.max(12, Math.min(b.left, window.innerWidth - width - 12))}px`,
        top: `${below ? b.bottom + 6 : Math.max(12, b.top - 6 - height)}px`,
        width: `${width}px`,
      });
    setPlaced(true);
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const close = () => setOpen(false);
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!note.current?.contains(t) && !button.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    window.addEventListener('scroll', close, true);
    window.addEventListener('resize', close);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown);
      window.removeEventListener('scroll', close, true);
      window.removeEventListener('resize', close);
    };
  }, [open]);

  const words = PLAN_CONTROLS[control];
  return (
    <>
      <button
        ref={button}
        type="button"
        className={cx('locked-button', className)}
        aria-expanded={open}
        aria-controls={id}
        aria-label={name ? `${name} (part of ${planName(feature)})` : undefined}
        data-locked={control}
        onClick={() => setOpen((o) => !o)}
      >
        <Icon name="lock" className="icon locked-icon" />
        <span className="locked-button-text">{label ?? words.label}</span>
      </button>
      <div ref={note} id={id} className="locked-note" role="note" hidden={!open} data-placed={placed ? '' : undefined}>
        <p>
          <strong>{words.label}</strong> is part of {planName(feature)}: {words.line.charAt(0).toLowerCase() + words.line.slice(1)}
        </p>
        <Link to={upgradePath(feature)} className="locked-note-link">
          Upgrade to {planName(feature)}
        </Link>
      </div>
    </>
  );
}
