import type { AuthState } from '../worker/context';
import type { Services } from '../worker/services';

declare module '@remix-run/cloudflare' {
  interface AppLoadContext {
    services: Services;
    auth: AuthState;
    requestId: string;
    cspNonce: string;
    clientIp: string;
    waitUntil: (p: Promise<unknown>) => void;
  }
}
