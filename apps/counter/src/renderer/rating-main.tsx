// The satisfaction tablet (/counter/rating.html?counter=<counterId>): a paired counter device.
import './zod-jitless.ts';
import { createBrowserPlatform } from '@luot/ui';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { boot, rootElement } from './boot.ts';
import { RATING_TOKEN_KEY, RatingApp } from './RatingPage.tsx';

const { client, i18n, query } = boot();
const platform = createBrowserPlatform({ client, storageKey: RATING_TOKEN_KEY });
document.addEventListener('contextmenu', (e) => e.preventDefault());

createRoot(rootElement()).render(
  <I18nextProvider i18n={i18n}>
    <RatingApp client={client} platform={platform} counterId={query.get('counter')} />
  </I18nextProvider>,
);
