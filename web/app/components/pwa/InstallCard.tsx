import { useEffect, useState } from 'react';
import { Button, Card } from '~/components/ui';

// Chromium's install prompt, which the page keeps to offer at a moment of value (not a web standard yet).
interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

const DISMISSED_KEY = 'cadence.install-card.dismissed';

declare global {
  interface Window {
    __cadenceInstallPrompt?: InstallPromptEvent | null;
  }
}

/** iOS has no prompt: Safari's Share → Add to Home Screen installs, and only then can Cadence notify. */
const isIos = () => /iPhone|iPad|iPod/.test(navigator.userAgent) || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
const isStandalone = () =>
  window.matchMedia('(display-mode: standalone)').matches || (navigator as { standalone?: boolean }).standalone === true;

/**
 * "Install Cadence", offered once the athlete has something worth carrying (a plan or an import; Home shows it
 * then) and never on the landing page. Dismissing it is remembered on this device.
 */
export function InstallCard() {
  const [prompt, setPrompt] = useState<InstallPromptEvent | null>(null);
  const [ios, setIos] = useState(false);
  const [hidden, setHidden] = useState(true);

  useEffect(() => {
    if (isStandalone() || localStorage.getItem(DISMISSED_KEY)) return;
    setHidden(false);
    setIos(isIos());
    // The event may have fired before this page hydrated: entry.client keeps it.
    setPrompt(window.__cadenceInstallPrompt ?? null);
    const onPrompt = (e: Event) => {
      e.preventDefault();
      setPrompt(e as InstallPromptEvent);
    };
    const onInstalled = () => setHidden(true);
    window.addEventListener('beforeinstallprompt', onPrompt);
    window.addEventListener('appinstalled', onInstalled);
    return () => {
      window.removeEventListener('beforeinstallprompt', onPrompt);
      window.removeEventListener('appinstalled', onInstalled);
    };
  }, []);

  if (hidden || (!prompt && !ios)) return null;
  const dismiss = () => {
    localStorage.setItem(DISMISSED_KEY, new Date().toISOString());
    setHidden(true);
  };
  const install = async () => {
    if (!prompt) return;
    await prompt.prompt();
    const { outcome } = await prompt.userChoice;
    window.__cadenceInstallPrompt = null;
    if (outcome === 'accepted') setHidden(true);
    else setPrompt(null);
  };
  return (
    <Card className="install-card" title="Cadence on your phone">
      {ios ? (
        <p>
          To get Cadence's notifications on an iPhone or iPad, add it to your Home Screen: tap Share, then{' '}
          <strong>Add to Home Screen</strong>, and open Cadence from there. This week's plan is then there without signal too.
        </p>
      ) : (
        <p>Install Cadence: this week's plan, your last activities and your form open without signal, and files share straight into it.</p>
      )}
      <div className="install-actions">
        {prompt ? <Button onClick={() => void install()}>Install Cadence</Button> : null}
        <Button variant="secondary" onClick={dismiss}>
          Not now
        </Button>
      </div>
    </Card>
  );
}
