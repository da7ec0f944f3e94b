// The display's Electron preload: exposes `window.luot` (LuotPreloadApi) to the sandboxed,
// context-isolated renderer, so @luot/ui's detectPlatform finds it. Thin on purpose: every call is
// an ipcRenderer.invoke answered by main.ts. A display prints nothing.
import type { PrintOutcome } from '@luot/shared';
import type { LuotPreloadApi, ShellConfig } from '@luot/ui';
import { contextBridge, ipcRenderer } from 'electron';
import { DISPLAY_IPC } from './channels.ts';

const api = {
  kind: 'electron',
  getConfig: () => ipcRenderer.invoke(DISPLAY_IPC.getConfig) as Promise<ShellConfig>,
  getDeviceToken: () => ipcRenderer.invoke(DISPLAY_IPC.getToken) as Promise<string | null>,
  setDeviceToken: (token: string) => ipcRenderer.invoke(DISPLAY_IPC.setToken, token) as Promise<void>,
  clearDeviceToken: () => ipcRenderer.invoke(DISPLAY_IPC.clearToken) as Promise<void>,
  printTicket: async (): Promise<PrintOutcome> => ({
    ok: false,
    error: 'error',
    message: 'a display does not print',
  }),
} satisfies LuotPreloadApi;

contextBridge.exposeInMainWorld('luot', api);
