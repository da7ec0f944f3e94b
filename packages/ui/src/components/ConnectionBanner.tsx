import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../client.ts';

/**
 * "Mất kết nối, đang kết nối lại…" across the top while the hub is not reachable. The live
 * region stays in the page (hidden when online) so screen readers announce the change.
 */
export function ConnectionBanner({ state }: { state: ConnectionState }) {
  const { t } = useTranslation();
  const online = state === 'online';
  return (
    <div className="luot-banner" role="status" aria-live="polite" hidden={online}>
      {online ? '' : t(state === 'offline' ? 'connection.offline' : 'connection.connecting')}
    </div>
  );
}
