// The status page's QR code as an inline SVG string, built synchronously from qrcode's matrix
// (so it renders in React on the first paint and in renderToString tests, and needs no canvas).
import QRCode from 'qrcode';

/** An SVG of `text` as a QR code (error correction M, a 4-module quiet zone), black on white. */
export function qrSvg(text: string, label = ''): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const quiet = 4;
  const full = size + quiet * 2;
  let path = '';
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      // Runs of dark modules on a row become one rectangle: a much shorter path.
      const start = x;
      while (x < size && modules.get(y, x)) x++;
      path += `M${start + quiet} ${y + quiet}h${x - start}v1h${start - x}z`;
    }
  }
  const title = label ? `<title>${escapeXml(label)}</title>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${full} ${full}" shape-rendering="crispEdges" role="img"${
    label ? ` aria-label="${escapeXml(label)}"` : ''
  }>${title}<rect width="${full}" height="${full}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
