// Which hub a page talks to: one rule for the kiosk, counter, display and admin pages.
//
// A page the hub serves over http(s) talks to that hub only, its own origin: `?hub=` is ignored
// there, so a link such as `/kiosk/?hub=http://other-host` cannot send the device token the page
// keeps to another host (the hub's CSP, `connect-src 'self'`, refuses such a connection too).
// The Electron shells load the hub's own pages over http(s), so the same holds for them; Vite's
// dev and preview servers proxy `/api` and `/socket.io` to a hub, so the page stays same-origin
// there as well. Only a page opened from a file (file://), which has no hub of its own, takes its
// hub from `?hub=`.

/** The `http(s)://` origin of a URL, or '' for anything else (other schemes, not a URL). */
export function httpOrigin(value: string | null | undefined): string {
  if (!value) return '';
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : '';
  } catch {
    return '';
  }
}

/** The protocol of the page running this code (`http:`, `file:`, …), or '' outside a browser. */
export function pageProtocol(): string {
  return typeof location === 'undefined' ? '' : location.protocol;
}

/**
 * The base URL for the hub client of a page: '' (the page's own origin) unless the page was
 * opened from a file, where `?hub=`'s http(s) origin is used (`hubParam`: the query's `hub`).
 */
export function hubOrigin(hubParam: string | null | undefined, protocol: string = pageProtocol()): string {
  return protocol === 'file:' ? httpOrigin(hubParam) : '';
}
