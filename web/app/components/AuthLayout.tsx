import type { ReactNode } from 'react';
import { PublicLayout } from './PublicLayout';

/** The centred card every sign-in related page uses. */
export function AuthLayout({
  title,
  intro,
  children,
  footer,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <PublicLayout narrow>
      <div className="auth-card card">
        <h1 className="page-title">{title}</h1>
        {intro ? <div className="auth-intro">{intro}</div> : null}
        {children}
      </div>
      {footer ? <div className="auth-footer">{footer}</div> : null}
    </PublicLayout>
  );
}
