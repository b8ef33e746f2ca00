import { render } from 'preact';
import { App } from './app/App.tsx';
import { createI18n } from './i18n/index.ts';
import './styles/base.css';
import './styles/header.css';
import './styles/login.css';
import './styles/queue.css';
import './styles/patient.css';
import './styles/trend-legend.css';
import './styles/roster.css';
import './styles/ops.css';
import './styles/portal.css';

/** Storage the browser refuses (privacy settings can make even reading window.localStorage throw) acts empty. */
function storageOrMemory(get: () => Storage): Storage {
  try {
    return get();
  } catch {
    const items = new Map<string, string>();
    return {
      get length() {
        return items.size;
      },
      clear: () => items.clear(),
      getItem: (key) => items.get(key) ?? null,
      key: (index) => [...items.keys()][index] ?? null,
      removeItem: (key) => void items.delete(key),
      setItem: (key, value) => void items.set(key, value),
    };
  }
}

const root = document.getElementById('app');
if (root !== null) {
  render(
    <App
      i18n={createI18n()}
      sessionStorage={storageOrMemory(() => window.sessionStorage)}
      localStorage={storageOrMemory(() => window.localStorage)}
      preferredLanguages={navigator.languages}
    />,
    root,
  );
}
