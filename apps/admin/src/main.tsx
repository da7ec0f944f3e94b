// The director's dashboard and the administration pages (/admin/), in a browser.
import './zod-jitless.ts';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { DashboardApp } from './App.tsx';
import { boot, rootElement } from './boot.ts';

const { client, i18n } = boot();

createRoot(rootElement()).render(
  <I18nextProvider i18n={i18n}>
    <DashboardApp client={client} />
  </I18nextProvider>,
);
