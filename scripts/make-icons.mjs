// Draws the app icon (a newspaper page with a red masthead on the portal's blue) and writes what electron-builder
// takes from build/: icon.png (1024 px, macOS and the default), icons/<N>x<N>.png (Linux), icon.ico (Windows:
// 16–256 px, each image stored as PNG, which Windows reads since Vista). Shapes only, no text: no font needed.
//   node scripts/make-icons.mjs [outDir=build]
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

const outDir = path.resolve(process.argv[2] ?? 'build');

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect x="16" y="16" width="480" height="480" rx="96" fill="#1f4e8c"/>
  <rect x="112" y="84" width="288" height="344" rx="18" fill="#ffffff"/>
  <rect x="112" y="84" width="288" height="76" rx="18" fill="#c8102e"/>
  <rect x="112" y="136" width="288" height="24" fill="#c8102e"/>
  <polygon points="256,98 262,116 281,116 266,127 272,145 256,134 240,145 246,127 231,116 250,116" fill="#ffd200"/>
  <rect x="144" y="188" width="100" height="84" rx="6" fill="#9bb7dd"/>
  <rect x="260" y="190" width="108" height="14" rx="7" fill="#4a5568"/>
  <rect x="260" y="222" width="108" height="14" rx="7" fill="#8a94a6"/>
  <rect x="260" y="254" width="80" height="14" rx="7" fill="#8a94a6"/>
  <rect x="144" y="298" width="224" height="14" rx="7" fill="#8a94a6"/>
  <rect x="144" y="330" width="224" height="14" rx="7" fill="#8a94a6"/>
  <rect x="144" y="362" width="160" height="14" rx="7" fill="#8a94a6"/>
</svg>`;

const png = (size) =>
  sharp(Buffer.from(SVG), { density: Math.max(72, (72 * size) / 512) })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();

/** An ICO file whose images are PNG data (ICONDIR, one ICONDIRENTRY per image, then the images). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, data } of images) {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2);
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...images.map((image) => image.data)]);
}

fs.mkdirSync(path.join(outDir, 'icons'), { recursive: true });
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const rendered = new Map();
for (const size of sizes) {
  const data = await png(size);
  rendered.set(size, data);
  if (size <= 512) fs.writeFileSync(path.join(outDir, 'icons', `${size}x${size}.png`), data);
}
fs.writeFileSync(path.join(outDir, 'icon.png'), rendered.get(1024));
fs.writeFileSync(
  path.join(outDir, 'icon.ico'),
  ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, data: rendered.get(size) }))),
);
fs.writeFileSync(path.join(outDir, 'icon.svg'), `${SVG}\n`);
console.log(
  `icons written to ${path.relative(process.cwd(), outDir) || '.'}: icon.png (1024), icon.ico (16–256), icons/16x16…512x512.png, icon.svg`,
);
