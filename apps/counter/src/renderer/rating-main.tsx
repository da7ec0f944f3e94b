// The satisfaction tablet (/counter/rating.html?counter=<counterId>): a paired counter device.
import '@luot/ui/zod-jitless';
import { createBrowserPlatform } from '@luot/ui';
import { mountApp } from '@luot/ui/boot';
import { boot } from './boot.ts';
import { RATING_TOKEN_KEY, RatingApp } from './RatingPage.tsx';

const { client, i18n, query } = boot();
const platform = createBrowserPlatform({ client, storageKey: RATING_TOKEN_KEY });
document.addEventListener('contextmenu', (e) => e.preventDefault());

mountApp(i18n, <RatingApp client={client} platform={platform} counterId={query.get('counter')} />);
