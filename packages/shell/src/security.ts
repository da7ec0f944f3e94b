// Electron window security rules shared by the kiosk and counter shells, as plain data and functions (tested under Node).

/** BrowserWindow webPreferences: never loosened, not even for tests. */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    spellcheck: false,
  } as const;
}

/** Only pages of the hub may be shown; anything else (links in content, typed URLs) is refused. */
export function isAllowedNavigation(target: string, hubUrl: string): boolean {
  try {
    return new URL(target).origin === new URL(hubUrl).origin;
  } catch {
    return false;
  }
}

/** The Content-Security-Policy sent with every page: scripts and connections to the hub only. */
export function contentSecurityPolicy(hubUrl: string): string {
  const hub = new URL(hubUrl).origin;
  const ws = hub.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    `script-src 'self'`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data:`,
    `font-src 'self'`,
    `connect-src 'self' ${hub} ${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** After a renderer crash: reload, but not in a tight loop (at most `max` within `windowMs`). */
export function crashReloadPolicy(max = 5, windowMs = 60_000) {
  const crashes: number[] = [];
  return (now: number): 'reload' | 'give-up' => {
    while (crashes.length > 0 && now - crashes[0]! > windowMs) crashes.shift();
    crashes.push(now);
    return crashes.length <= max ? 'reload' : 'give-up';
  };
}
