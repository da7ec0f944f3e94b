// React bindings of the stores and the client.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { ConnectionState, HubClient } from './client.ts';
import type { QueueState, QueueStore } from './store.ts';

/** Reads a slice of the queue store; re-renders when it changes (selectors should be stable). */
export function useQueue<T>(store: QueueStore, selector: (state: QueueState) => T): T {
  return useStore(store, selector);
}

/** The client's connection state, live. */
export function useConnection(client: HubClient): ConnectionState {
  const [state, setState] = useState(client.connection);
  useEffect(() => {
    setState(client.connection);
    return client.on('connection', setState);
  }, [client]);
  return state;
}
