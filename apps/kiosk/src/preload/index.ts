// The Electron preload: exposes `window.luot` (LuotPreloadApi) to the sandboxed, context-isolated
// renderer. Thin on purpose: every call is an ipcRenderer.invoke answered by main.ts.
import type { PrintOutcome } from '@luot/shared';
import type { LuotPreloadApi, PrintJob, ShellConfig } from '@luot/ui';
import { contextBridge, ipcRenderer } from 'electron';
import { IPC } from './channels.ts';

const api = {
  kind: 'electron',
  getConfig: () => ipcRenderer.invoke(IPC.getConfig) as Promise<ShellConfig>,
  getDeviceToken: () => ipcRenderer.invoke(IPC.getToken) as Promise<string | null>,
  setDeviceToken: (token: string) => ipcRenderer.invoke(IPC.setToken, token) as Promise<void>,
  clearDeviceToken: () => ipcRenderer.invoke(IPC.clearToken) as Promise<void>,
  printTicket: (job: PrintJob) => ipcRenderer.invoke(IPC.print, job) as Promise<PrintOutcome>,
} satisfies LuotPreloadApi;

contextBridge.exposeInMainWorld('luot', api);
