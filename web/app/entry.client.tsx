import { RemixBrowser } from '@remix-run/react';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';

// Chromium fires its install prompt once, maybe before any page has hydrated: kept for the install card.
window.addEventListener('beforeinstallprompt', (event) => {
  event.preventDefault();
  window.__cadenceInstallPrompt = event as NonNullable<Window['__cadenceInstallPrompt']>;
});

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
