import { webManifest } from '~/utils/pwa/manifest';

// A resource route rather than a static file: the share target's path and the colours stay in one module.
export function loader() {
  return new Response(JSON.stringify(webManifest), {
    headers: { 'content-type': 'application/manifest+json', 'cache-control': 'public, max-age=3600' },
  });
}
