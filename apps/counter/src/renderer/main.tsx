// The officer's terminal (/counter/): Electron (window.luotCounter: the devices) or a browser.
import '@luot/ui/zod-jitless';
import { mountApp } from '@luot/ui/boot';
import { CounterApp } from './App.tsx';
import { boot } from './boot.ts';

const { client, i18n } = boot();

mountApp(i18n, <CounterApp client={client} />);
