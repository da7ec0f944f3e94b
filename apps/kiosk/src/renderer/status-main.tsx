// The ticket status page (/t/:id): no token, polls the public ticket endpoint.
import './zod-jitless.ts';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { boot, rootElement } from './boot.ts';
import { StatusApp } from './StatusPage.tsx';
import { ticketIdFromLocation } from './settings.ts';

const { client, i18n } = boot({ retry: false });
const ticketId = ticketIdFromLocation(location.pathname, location.search);

createRoot(rootElement()).render(
  <I18nextProvider i18n={i18n}>
    <StatusApp client={client} ticketId={ticketId} />
  </I18nextProvider>,
);
