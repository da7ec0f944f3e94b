// The ticket status page (/t/:id): no token, polls the public ticket endpoint.
import '@luot/ui/zod-jitless';
import { mountApp } from '@luot/ui/boot';
import { boot } from './boot.ts';
import { StatusApp } from './StatusPage.tsx';
import { ticketIdFromLocation } from './settings.ts';

const { client, i18n } = boot({ retry: false });
const ticketId = ticketIdFromLocation(location.pathname, location.search);

mountApp(i18n, <StatusApp client={client} ticketId={ticketId} />);
