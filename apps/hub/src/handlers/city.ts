// The hub's city commands (API.md, "The hub's side"): join, sync state, send now.
import { LuotError } from '@luot/shared';
import { writeAudit } from '../admin/audit.ts';
import type { CitySync } from '../city/sync.ts';
import type { Hub } from '../hub.ts';
import { handlers } from './kit.ts';

function citySync(hub: Hub): CitySync {
  if (!hub.citySync) throw new LuotError('conflict', 'this hub runs without its city sync');
  return hub.citySync;
}

export const CITY_HANDLERS = handlers({
  'city:join': async ({ hub, body, principal }) => {
    const before = citySync(hub).link();
    const city = await citySync(hub).join(body.cityUrl, body.enrolmentCode);
    const userId = principal?.kind === 'user' ? principal.user.id : null;
    writeAudit(
      hub.store,
      {
        userId,
        action: 'city.joined',
        target: city.centreCode,
        before: before && { url: before.url, centreCode: before.centreCode },
        after: city,
      },
      hub.now(),
    );
    return { city };
  },
  'city:status': ({ hub }) => ({ city: citySync(hub).link() }),
  'city:sync': async ({ hub }) => ({ city: await citySync(hub).syncNow() }),
});
