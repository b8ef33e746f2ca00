import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isApiRequestError } from '../api/api-request-error.ts';

export interface Resource<T> {
  /** the last data loaded; kept while a reload is in flight, so panels do not flicker */
  readonly data: T | undefined;
  readonly loading: boolean;
  /** the error code of the last load, if it failed (API_* from the server, CLIENT_* from the client) */
  readonly errorCode: string | undefined;
  /** the last load failed with HTTP 404 */
  readonly notFound: boolean;
  readonly reload: () => void;
}

/**
 * Data from one API call, loaded when `key` changes and on reload(). An answer to an older request never replaces a
 * newer one. 401s are handled by the ApiClient (the session ends).
 */
export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> {
  // Kept with the key it was loaded for: data of another key is never shown under the new one.
  const [loaded, setLoaded] = useState<{ readonly key: string; readonly value: T }>();
  const [loading, setLoading] = useState(true);
  const [errorCode, setErrorCode] = useState<string>();
  const [notFound, setNotFound] = useState(false);
  const [version, setVersion] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const latest = useRef(0);

  useEffect(() => {
    const id = ++latest.current;
    setLoading(true);
    loadRef.current().then(
      (value) => {
        if (id !== latest.current) return;
        setLoaded({ key, value });
        setErrorCode(undefined);
        setNotFound(false);
        setLoading(false);
      },
      (error: unknown) => {
        if (id !== latest.current) return;
        setErrorCode(isApiRequestError(error) ? error.code : 'CLIENT_UNKNOWN');
        setNotFound(isApiRequestError(error) && error.status === 404);
        setLoading(false);
      },
    );
  }, [key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data: loaded?.key === key ? loaded.value : undefined, loading, errorCode, notFound, reload };
}
