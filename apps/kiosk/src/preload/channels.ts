// IPC channel names shared by the preload (renderer side) and the main process. No imports:
// the sandboxed preload bundles this as is.
export const IPC = {
  getConfig: 'luot:get-config',
  getToken: 'luot:token:get',
  setToken: 'luot:token:set',
  clearToken: 'luot:token:clear',
  print: 'luot:print',
} as const;
