// Draws the demo's pictures (a placeholder photograph and a logo) and writes them, with the thumbnail the media
// store would make, as base64 into electron/core/demo/demo-images.ts. Run once: `node scripts/make-demo-images.mjs`.
import fs from 'node:fs';
import sharp from 'sharp';

const WIDTH = 960;
const HEIGHT = 640;

/** A hall with a speaker at a lectern and rows of seated people: drawn shapes, marked as an illustration. */
function photoSvg() {
  const seats = [];
  for (let row = 0; row < 4; row++) {
    for (let col = 0; col < 12; col++) {
      const x = 40 + col * 76 + (row % 2) * 30;
      const y = 430 + row * 52;
      const shade = ['#2d3e50', '#3b4a5a', '#4a3b32', '#2f4f4f'][(row + col) % 4];
      seats.push(
        `<circle cx="${x + 22}" cy="${y}" r="15" fill="#3a2a20"/>` +
          `<rect x="${x}" y="${y + 14}" width="44" height="44" rx="12" fill="${shade}"/>`,
      );
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
  <defs>
    <linearGradient id="wall" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#e9dcc3"/><stop offset="1" stop-color="#c9b48f"/></linearGradient>
    <linearGradient id="stage" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#9c2b2b"/><stop offset="1" stop-color="#6e1c1c"/></linearGradient>
    <radialGradient id="light" cx="0.5" cy="0.2" r="0.7"><stop offset="0" stop-color="#fff" stop-opacity="0.55"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient>
  </defs>
  <rect width="${WIDTH}" height="${HEIGHT}" fill="url(#wall)"/>
  <rect x="140" y="40" width="680" height="150" fill="url(#stage)"/>
  <rect x="150" y="50" width="660" height="130" fill="none" stroke="#e8c14a" stroke-width="4"/>
  <rect x="200" y="96" width="560" height="14" rx="7" fill="#e8c14a" opacity="0.85"/>
  <rect x="260" y="124" width="440" height="10" rx="5" fill="#f4e3b0" opacity="0.8"/>
  <rect x="0" y="300" width="${WIDTH}" height="${HEIGHT - 300}" fill="#8a6b4a"/>
  <rect x="0" y="300" width="${WIDTH}" height="14" fill="#6d5236"/>
  <circle cx="700" cy="232" r="22" fill="#3a2a20"/>
  <rect x="676" y="254" width="48" height="70" rx="14" fill="#f2f2f2"/>
  <rect x="650" y="280" width="100" height="100" fill="#7b3f1f"/>
  <rect x="662" y="292" width="76" height="10" fill="#e8c14a"/>
  <rect x="120" y="250" width="360" height="40" fill="#f7f3ea"/>
  <rect x="120" y="290" width="360" height="90" fill="#2e5e3e"/>
  ${[150, 230, 310, 390].map((x) => `<circle cx="${x + 20}" cy="238" r="16" fill="#3a2a20"/>`).join('')}
  ${seats.join('')}
  <rect width="${WIDTH}" height="${HEIGHT}" fill="url(#light)"/>
  <rect x="${WIDTH - 214}" y="${HEIGHT - 46}" width="200" height="34" rx="4" fill="#000" opacity="0.55"/>
  <text x="${WIDTH - 114}" y="${HEIGHT - 23}" font-family="DejaVu Sans, Arial, sans-serif" font-size="18" fill="#fff" text-anchor="middle">Ảnh minh họa</text>
</svg>`;
}

/** A round emblem: a yellow star on red, in a golden ring. */
function logoSvg() {
  const points = Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 === 0 ? 38 : 15;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    return `${(64 + r * Math.cos(a)).toFixed(1)},${(64 + r * Math.sin(a)).toFixed(1)}`;
  }).join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128">
  <circle cx="64" cy="64" r="62" fill="#e8c14a"/><circle cx="64" cy="64" r="54" fill="#c8102e"/>
  <polygon points="${points}" fill="#ffde00"/></svg>`;
}

const photo = await sharp(Buffer.from(photoSvg())).blur(0.6).jpeg({ quality: 78, mozjpeg: true }).toBuffer();
const thumb = await sharp(photo).resize({ width: 400 }).webp({ quality: 75 }).toBuffer();
const logo = await sharp(Buffer.from(logoSvg())).png({ compressionLevel: 9 }).toBuffer();

const out = `// Written by scripts/make-demo-images.mjs: drawn placeholders, no photograph of anyone.
/** The demo article's picture (JPEG, ${WIDTH}×${HEIGHT}), marked 'Ảnh minh họa'. */
export const DEMO_PHOTO_JPEG = '${photo.toString('base64')}';
/** Its thumbnail as the media store makes them (WebP, 400 px wide). */
export const DEMO_PHOTO_THUMB_WEBP = '${thumb.toString('base64')}';
export const DEMO_PHOTO_SIZE = { width: ${WIDTH}, height: ${HEIGHT} } as const;
/** The demo portal's logo (PNG, 128 px). */
export const DEMO_LOGO_PNG = '${logo.toString('base64')}';
`;
fs.writeFileSync(new URL('../electron/core/demo/demo-images.ts', import.meta.url), out);
console.log(`photo ${photo.length} B, thumb ${thumb.length} B, logo ${logo.length} B`);
