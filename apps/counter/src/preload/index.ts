// The counter's Electron preload: exposes `window.luotCounter` (CounterPreloadApi) to the
// sandboxed, context-isolated renderer. Thin on purpose: calls cross IPC to main.ts.
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import type {
  CounterPreloadApi,
  CounterShellConfig,
  DevicesEvent,
  DevicesSession,
  DevicesStatus,
  SessionOutcome,
} from './api.ts';
import { COUNTER_IPC } from './channels.ts';

const api = {
  kind: 'electron',
  getConfig: () => ipcRenderer.invoke(COUNTER_IPC.getConfig) as Promise<CounterShellConfig>,
  setDevicesSession: (session: DevicesSession | null) =>
    ipcRenderer.invoke(COUNTER_IPC.setSession, session) as Promise<SessionOutcome>,
  getDevicesStatus: () => ipcRenderer.invoke(COUNTER_IPC.getStatus) as Promise<DevicesStatus>,
  onDevicesEvent: (listener: (event: DevicesEvent) => void) => {
    // The renderer never sees the IpcRendererEvent (it would expose ipcRenderer itself).
    const on = (_event: IpcRendererEvent, payload: DevicesEvent) => listener(payload);
    ipcRenderer.on(COUNTER_IPC.event, on);
    return () => {
      ipcRenderer.removeListener(COUNTER_IPC.event, on);
    };
  },
} satisfies CounterPreloadApi;

contextBridge.exposeInMainWorld('luotCounter', api);
