// The public "waiting now" page at `/` of the city server: no sign-in, phone first, Vietnamese.
// Every centre's last live snapshot (people waiting, counters open, the longest wait) with its
// time, the centres where the wait is short first. Made from one query at most every 15 s per
// city process, so a crowd of phones never reaches the database; no personal data.
import type { LiveSnapshot } from '@luot/shared';
import type { CityDatabase } from './db/database.ts';

export const PUBLIC_CACHE_MS = 15_000;
/** A snapshot older than this is shown as not current (the centre is silent or closed). */
export const STALE_AFTER_MS = 15 * 60_000;
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

export interface PublicCentre {
  code: string;
  name: string;
  live: LiveSnapshot | null;
}

interface Cached {
  at: number;
  html: string;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const clock = (ms: number) =>
  new Intl.DateTimeFormat('vi-VN', {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(ms);

function minutes(seconds: number | null): string {
  if (seconds === null) return 'không ai phải chờ';
  const m = Math.round(seconds / 60);
  if (m < 1) return 'dưới 1 phút';
  if (m < 60) return `${m} phút`;
  const h = Math.floor(m / 60);
  return `${h} giờ ${m % 60 ? `${m % 60} phút` : ''}`.trim();
}

/** Open centres with a current snapshot first, the shortest longest wait first; then the rest by name. */
export function orderForCitizens(centres: readonly PublicCentre[], now: number): PublicCentre[] {
  const current = (c: PublicCentre) =>
    c.live !== null && now - Date.parse(c.live.at) <= STALE_AFTER_MS && c.live.countersOpen > 0;
  return [...centres].sort((a, b) => {
    const ca = current(a);
    const cb = current(b);
    if (ca !== cb) return ca ? -1 : 1;
    if (ca && cb) {
      const wa = a.live!.longestWaitSeconds ?? 0;
      const wb = b.live!.longestWaitSeconds ?? 0;
      if (wa !== wb) return wa - wb;
      if (a.live!.waiting !== b.live!.waiting) return a.live!.waiting - b.live!.waiting;
    }
    return a.name.localeCompare(b.name, 'vi');
  });
}

export function renderPublicPage(centres: readonly PublicCentre[], now: number): string {
  const items = orderForCitizens(centres, now)
    .map((c) => {
      const live = c.live;
      const fresh = live !== null && now - Date.parse(live.at) <= STALE_AFTER_MS;
      const name = escapeHtml(c.name);
      if (!live || !fresh) {
        return `<li class="centre quiet" data-code="${escapeHtml(c.code)}"><h2>${name}</h2><p class="state">Chưa có số liệu lúc này${live ? ` (lần cuối ${clock(Date.parse(live.at))})` : ''}</p></li>`;
      }
      if (live.countersOpen === 0) {
        return `<li class="centre quiet" data-code="${escapeHtml(c.code)}"><h2>${name}</h2><p class="state">Chưa mở quầy</p><p class="at">Cập nhật lúc ${clock(Date.parse(live.at))}</p></li>`;
      }
      return `<li class="centre" data-code="${escapeHtml(c.code)}"><h2>${name}</h2>
<p class="wait">Chờ lâu nhất: <strong>${minutes(live.longestWaitSeconds)}</strong></p>
<p class="figures"><span>Đang chờ: <strong>${live.waiting}</strong> người</span> <span>Quầy đang mở: <strong>${live.countersOpen}</strong></span></p>
<p class="at">Cập nhật lúc ${clock(Date.parse(live.at))}</p></li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="60">
<title>Nơi nào đang chờ ít — Trung tâm Phục vụ hành chính công</title>
<style>
body{margin:0;font-family:"Be Vietnam Pro","Noto Sans",Roboto,Arial,sans-serif;background:#eef1f5;color:#0a1a2f;font-size:18px;line-height:1.4}
header{background:#0b3d91;color:#fff;padding:16px 20px}
header h1{margin:0;font-size:24px}
header p{margin:4px 0 0;font-size:16px}
main{padding:12px;max-width:720px;margin:0 auto}
ol{list-style:none;margin:0;padding:0}
.centre{background:#fff;border-radius:14px;padding:14px 18px;margin:0 0 12px;border-left:8px solid #0b3d91}
.centre.quiet{border-left-color:#9aa5b4;color:#2e3b4e}
.centre h2{margin:0 0 6px;font-size:21px}
.centre p{margin:4px 0}
.wait strong{font-size:24px;color:#0b3d91}
.figures span{display:inline-block;margin-right:18px}
.at,.state{font-size:16px;color:#2e3b4e}
footer{padding:12px 20px 28px;text-align:center;font-size:15px;color:#2e3b4e}
</style></head>
<body><header><h1>Nơi nào đang chờ ít?</h1>
<p>Số người đang chờ tại các trung tâm phục vụ hành chính công, cập nhật lúc ${clock(now)}. Nhiều thủ tục làm được ở bất kỳ trung tâm nào.</p></header>
<main><ol>
${items || '<li class="centre quiet"><h2>Chưa có trung tâm nào gửi số liệu</h2></li>'}
</ol></main>
<footer>Trang tự cập nhật mỗi phút. Không lưu thông tin cá nhân.</footer>
</body></html>`;
}

/** The page, made again at most every PUBLIC_CACHE_MS; concurrent requests share one read. */
export function publicPage(db: CityDatabase, now: () => number) {
  let cached: Cached | null = null;
  let reading: Promise<Cached> | null = null;
  const read = async (): Promise<Cached> => {
    const rows = await db.query<{ code: string; name: string; live: LiveSnapshot | null }>(
      'SELECT code, name, live FROM centres ORDER BY code',
    );
    const at = now();
    return { at, html: renderPublicPage(rows, at) };
  };
  return async (): Promise<string> => {
    if (cached && now() - cached.at < PUBLIC_CACHE_MS) return cached.html;
    reading ??= read().finally(() => {
      reading = null;
    });
    cached = await reading;
    return cached.html;
  };
}
