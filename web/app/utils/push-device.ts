// This browser's Web Push subscription and the API that stores it (ADR 076). Browser-only: every function here
// runs from an effect or a tap, never on the server.

const API = '/api/v1/notifications/push-subscriptions';
const INSTALL_KEY = 'cadence.installId';

/** The app install's own id: one live subscription per install on the server. */
export function installId(): string {
  let id = localStorage.getItem(INSTALL_KEY);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(INSTALL_KEY, id);
  }
  return id;
}

export const pushSupported = () =>
  typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

/** The service worker's registration, when the app registered one (the PWA's); null otherwise. */
export async function registration(): Promise<ServiceWorkerRegistration | null> {
  if (!pushSupported()) return null;
  return (await navigator.serviceWorker.getRegistration()) ?? null;
}

const deviceLabel = () => {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'Browser';
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Mac OS X/.test(ua)
        ? 'macOS'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return os ? `${browser} on ${os}` : browser;
};

const b64ToBytes = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/** Turns push on for this device; call it from a tap (browsers ask for permission only then). */
export async function enablePush(): Promise<'on' | 'denied' | 'unavailable'> {
  const reg = await registration();
  if (!reg) return 'unavailable';
  if ((await Notification.requestPermission()) !== 'granted') return 'denied';
  const keyRes = await fetch(`${API}/vapid-key`);
  if (!keyRes.ok) return 'unavailable';
  const { publicKey } = (await keyRes.json()) as { publicKey: string };
  const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: b64ToBytes(publicKey) });
  const json = sub.toJSON();
  const res = await fetch(API, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ installId: installId(), endpoint: json.endpoint, keys: json.keys, label: deviceLabel() }),
  });
  return res.ok ? 'on' : 'unavailable';
}

export async function disablePush(): Promise<void> {
  const reg = await registration();
  await (await reg?.pushManager.getSubscription())?.unsubscribe();
  await fetch(`${API}/${installId()}`, { method: 'DELETE' });
}

export async function pushIsOn(): Promise<boolean> {
  const reg = await registration();
  return !!(await reg?.pushManager.getSubscription()) && Notification.permission === 'granted';
}

/**
 * On every app open: tell the server what this browser holds, so a subscription it lost (permission revoked,
 * storage cleared) stops being sent to; one the server dropped (a 410) is subscribed again when permission stands.
 */
export async function resyncPush(): Promise<void> {
  const reg = await registration();
  if (!reg) return;
  const sub = await reg.pushManager.getSubscription();
  const endpoint = sub && Notification.permission === 'granted' ? sub.endpoint : null;
  const res = await fetch(`${API}/sync`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ installId: installId(), endpoint }),
  });
  if (!res.ok || !sub || !endpoint) return;
  const { subscribed } = (await res.json()) as { subscribed: boolean };
  if (!subscribed) {
    const json = sub.toJSON();
    await fetch(API, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ installId: installId(), endpoint: json.endpoint, keys: json.keys, label: deviceLabel() }),
    });
  }
}
