// IPC channel names shared by the display's preload (renderer side) and its main process. No
// imports: the sandboxed preload bundles this as is.
export const DISPLAY_IPC = {
  getConfig: 'luot-display:get-config',
  getToken: 'luot-display:token:get',
  setToken: 'luot-display:token:set',
  clearToken: 'luot-display:token:clear',
} as const;
