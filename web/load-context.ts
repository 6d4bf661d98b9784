import type { AuthState, Services } from '../worker/context';

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

// Loader and action types follow single fetch (plain objects, Dates and Maps survive the trip).
declare module '@remix-run/server-runtime' {
  interface Future {
    v3_singleFetch: true;
  }
}
