// IPC channel names shared by the counter's preload (renderer side) and main process. No imports:
// the sandboxed preload bundles this as is.
export const COUNTER_IPC = {
  /** → CounterShellConfig */
  getConfig: 'luot-counter:get-config',
  /** (session: {token, counterId} | null) → SessionOutcome; null = signed out (devices stop). */
  setSession: 'luot-counter:devices:session',
  /** → DevicesStatus */
  getStatus: 'luot-counter:devices:status',
  /** main → renderer push: DevicesEvent */
  event: 'luot-counter:devices:event',
} as const;
