// The director's dashboard and the administration pages (/admin/), in a browser.
import '@luot/ui/zod-jitless';
import { mountApp } from '@luot/ui/boot';
import { DashboardApp } from './App.tsx';
import { boot } from './boot.ts';

const { client, i18n } = boot();

mountApp(i18n, <DashboardApp client={client} />);
