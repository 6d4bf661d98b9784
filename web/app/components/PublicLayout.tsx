import { Link, NavLink } from '@remix-run/react';
import type { ReactNode } from 'react';
import { ButtonLink } from './ui';
import { useRootUser } from './useRootUser';
import { Wordmark } from './Wordmark';

/** Header, main and footer for pages anyone can read (landing, about, sign-up, log-in…). */
export function PublicLayout({ children, narrow = false }: { children: ReactNode; narrow?: boolean }) {
  const user = useRootUser();
  return (
    <div className="page">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="site-header">
        <div className="container site-header-inner">
          <Wordmark />
          <nav aria-label="Site" className="site-nav">
            <NavLink to="/pricing" className="site-nav-link site-nav-link-wide">
              Pricing
            </NavLink>
            <NavLink to="/about" className="site-nav-link site-nav-link-wide">
              About
            </NavLink>
            {user ? (
              <ButtonLink to="/home" size="sm">
                Open Cadence
              </ButtonLink>
            ) : (
              <>
                <NavLink to="/login" className="site-nav-link">
                  Log in
                </NavLink>
                <ButtonLink to="/signup" size="sm">
                  Get started
                </ButtonLink>
              </>
            )}
          </nav>
        </div>
      </header>
      <main id="main" className={narrow ? 'container container-narrow main' : 'container main'}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container site-footer-inner">
          <p>Cadence — evidence, not hype.</p>
          <nav aria-label="Footer" className="footer-nav">
            <Link to="/pricing">Pricing</Link>
            <Link to="/about">About</Link>
            <Link to="/about#data">Your data</Link>
            <Link to="/privacy/retention">What we keep</Link>
          </nav>
        </div>
      </footer>
    </div>
  );
}
