import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../client.ts';

/**
 * "Mất kết nối, đang kết nối lại…" across the top while the hub is not reachable. The live
 * region stays in the page (hidden when online) so screen readers announce the change. Test id:
 * connection-banner.
 */
export function ConnectionBanner({ state, className }: { state: ConnectionState; className?: string }) {
  const { t } = useTranslation();
  const online = state === 'online';
  return (
    <div
      className={className ? `luot-banner ${className}` : 'luot-banner'}
      role="status"
      aria-live="polite"
      data-testid="connection-banner"
      hidden={online}
    >
      {online ? '' : t(state === 'offline' ? 'connection.offline' : 'connection.connecting')}
    </div>
  );
}
