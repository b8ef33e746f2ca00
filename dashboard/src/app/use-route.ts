import { useEffect, useState } from 'preact/hooks';
import { parseRoute, type Route } from './route.ts';

/** The page the URL hash names, following the browser's back and forward buttons. */
export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    update();
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
