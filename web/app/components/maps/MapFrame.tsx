// A route's map, in layers (ADR 098): the server renders the SVG (no JavaScript, no WebGL: it stays, with the same
// data); after hydration, where WebGL exists and the map comes near the screen, MapLibre is loaded and drawn over it,
// and replaces it once drawn.
import { Component, lazy, type ReactNode, Suspense, useEffect, useRef, useState } from 'react';
import { hasWebGl } from './map-style';
import type { RouteMapGLProps } from './RouteMapGL.client';

const RouteMapGL = lazy(() => import('./RouteMapGL.client').then((m) => ({ default: m.RouteMapGL })));

/**
 * A map that fails to load (an old cached page after a deploy, a network error) leaves what was there in place: the
 * SVG here, the heatmap's note there.
 */
export class KeepFallback extends Component<{ children: ReactNode; onError: () => void }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch() {
    this.props.onError();
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

type State = 'svg' | 'loading' | 'map' | 'map-plain';

export function MapFrame({
  fallback,
  size = 'large',
  extras = null,
  ...gl
}: Omit<RouteMapGLProps, 'onReady'> & {
  fallback: ReactNode;
  size?: 'large' | 'small';
  /** Shown only once the map has drawn (a colour control and legend mean nothing on the plain SVG). */
  extras?: ReactNode;
}) {
  const [state, setState] = useState<State>('svg');
  const box = useRef<HTMLDivElement>(null);
  const failed = useRef(false);
  // MapLibre is loaded and a WebGL context made only for a map near the screen (600 px), and given back once it is
  // far off (three screens: no churn while scrolling about) — the SVG shows again. A browser keeps ~16 contexts,
  // and a feed has a map per post.
  useEffect(() => {
    const el = box.current;
    if (!el || !hasWebGl()) return;
    const near = new IntersectionObserver(
      ([entry]) => {
        if (!failed.current && entry?.isIntersecting) setState((s) => (s === 'svg' ? 'loading' : s));
      },
      { rootMargin: '600px 0px' },
    );
    const far = new IntersectionObserver(
      ([entry]) => {
        if (entry && !entry.isIntersecting) setState('svg');
      },
      { rootMargin: '300% 0px' },
    );
    near.observe(el);
    far.observe(el);
    return () => {
      near.disconnect();
      far.disconnect();
    };
  }, []);
  return (
    <div ref={box} className="map-frame" data-size={size} data-state={state} data-testid="map-frame">
      <div className="map-frame-svg">{fallback}</div>
      {state !== 'svg' ? (
        <KeepFallback
          onError={() => {
            failed.current = true;
            setState('svg');
          }}
        >
          <Suspense fallback={null}>
            <RouteMapGL {...gl} onReady={(basemap) => setState(basemap ? 'map' : 'map-plain')} />
          </Suspense>
        </KeepFallback>
      ) : null}
      {state === 'map-plain' ? (
        <p className="map-frame-note" role="status">
          Map background unavailable: the route is drawn on a plain background.
        </p>
      ) : null}
      {state === 'map' || state === 'map-plain' ? <div className="map-frame-extras">{extras}</div> : null}
    </div>
  );
}
