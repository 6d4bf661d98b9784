import type { ReactNode } from 'react';
import { cx } from './cx';

interface CardProps {
  title?: ReactNode;
  /** Needed when the card has a title, so the section is named by it. */
  id?: string;
  description?: ReactNode;
  actions?: ReactNode;
  className?: string;
  children?: ReactNode;
}

export function Card({ title, id, description, actions, className, children }: CardProps) {
  const headingId = title && id ? `${id}-title` : undefined;
  return (
    <section id={id} className={cx('card', className)} aria-labelledby={headingId}>
      {title ? (
        <div className="card-head">
          <div>
            <h2 id={headingId} className="card-title">
              {title}
            </h2>
            {description ? <p className="card-description">{description}</p> : null}
          </div>
          {actions ? <div className="card-actions">{actions}</div> : null}
        </div>
      ) : null}
      {children}
    </section>
  );
}
