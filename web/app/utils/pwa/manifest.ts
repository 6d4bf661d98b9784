// The web app manifest (served at /manifest.webmanifest, linked by hand in root.tsx; ADR 077). Colours are
// base.css's tokens: the brand teal for the title bar, the page background for the splash screen.
export const THEME_COLOR = '#0f766e';
export const BACKGROUND_COLOR = '#f8fafc';

/** Where the share sheet posts (Android and desktop Chrome); the field carries one or more activity files. */
export const SHARE_TARGET_PATH = '/share';
export const SHARE_FILE_FIELD = 'file';
export const SHARE_ACCEPT = ['.fit', '.gpx', '.tcx', '.gz', 'application/vnd.ant.fit', 'application/gpx+xml', 'application/gzip'];

export const webManifest = {
  id: '/home',
  name: 'Cadence — training plans and analysis',
  short_name: 'Cadence',
  description: 'Your training plan, activities and coach in your pocket.',
  start_url: '/home?source=pwa',
  scope: '/',
  display: 'standalone',
  orientation: 'any',
  theme_color: THEME_COLOR,
  background_color: BACKGROUND_COLOR,
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
  shortcuts: [
    { name: 'Today', url: '/home', icons: [{ src: '/icons/icon-192.png', sizes: '192x192' }] },
    { name: 'Training', url: '/training', icons: [{ src: '/icons/icon-192.png', sizes: '192x192' }] },
    { name: 'AI coach', url: '/ai-coach', icons: [{ src: '/icons/icon-192.png', sizes: '192x192' }] },
  ],
  share_target: {
    action: SHARE_TARGET_PATH,
    method: 'POST',
    enctype: 'multipart/form-data',
    params: { files: [{ name: SHARE_FILE_FIELD, accept: SHARE_ACCEPT }] },
  },
} as const;
