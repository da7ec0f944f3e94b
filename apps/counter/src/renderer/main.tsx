// The officer's terminal (/counter/): Electron (window.luotCounter: the devices) or a browser.
import './zod-jitless.ts';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { CounterApp } from './App.tsx';
import { boot, rootElement } from './boot.ts';

const { client, i18n } = boot();

createRoot(rootElement()).render(
  <I18nextProvider i18n={i18n}>
    <CounterApp client={client} />
  </I18nextProvider>,
);
