import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MEDIA_BASE64_LENGTH, MAX_MEDIA_BYTES } from '../../shared/contract/media';
import { ContractError, type ContractErrorShape, type ErrorCode } from '../../shared/contract/errors';
import { MEDIA_REF_PATTERN } from '../../shared/render/body-nodes';
import {
  createMediaStore,
  mediaContentType,
  mediaFilePath,
  sniffFormat,
  type MediaStore,
} from '../../electron/core/media/media-store';
import { cleanupAll, fails, ok, openCore, tempDataDir } from '../helpers';

afterEach(cleanupAll);

// ------------------------------------------------------------------------------------------------ fixtures

const XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>XmpAuthorName</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>';

/** Strings planted in the camera JPEG's metadata; none may survive the import. */
const PLANTED = ['Exif', 'GPS', 'WGS-84', 'CameraMakerX', 'Nguyen Van Chup', 'XmpAuthorName'];
/**
 * What must not be left in the output bytes. 'GPS' is too short to look for in compressed noise (three bytes turn
 * up by chance in about one image in twenty); the GPS block's own content ('WGS-84') stands for it.
 */
const PLANTED_IN_OUTPUT = PLANTED.filter((text) => text !== 'GPS');

/** A textured image (so the encoders have something to encode and a cut really cuts pixel data). */
function textured(width: number, height: number, channels: 3 | 4 = 3): sharp.Sharp {
  return sharp({
    create: { width, height, channels, background: '#000000', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
  });
}

/**
 * 3000×2000 pixels as stored, EXIF orientation 6 (shown rotated 90°, so 2000×3000 upright), EXIF with maker,
 * artist and GPS coordinates, and an XMP packet.
 */
async function cameraJpeg(): Promise<Buffer> {
  const base = await textured(3000, 2000).jpeg({ quality: 90 }).toBuffer();
  return sharp(base)
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'CameraMakerX', Model: 'X-100', Artist: 'Nguyen Van Chup', Copyright: 'Nguyen Van Chup' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '9/1 17/1 30/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '105/1 25/1 0/1',
        GPSMapDatum: 'WGS-84',
      },
    })
    .withXmp(XMP)
    .toBuffer();
}

async function alphaPng(): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 800, channels: 4, background: { r: 10, g: 120, b: 200, alpha: 0.5 } } })
    .png()
    .toBuffer();
}

async function webp(): Promise<Buffer> {
  return textured(2400, 1200).webp({ quality: 90 }).toBuffer();
}

async function animatedGif(): Promise<Buffer> {
  const frames = await Promise.all(
    ['#c00000', '#00c000', '#0000c0'].map((colour) =>
      sharp({ create: { width: 1800, height: 900, channels: 4, background: colour } })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(frames, { join: { animated: true } })
    .gif({ delay: [200, 200, 200], loop: 0 })
    .toBuffer();
}

let camera: Buffer;
beforeAll(async () => {
  camera = await cameraJpeg();
});

function newStore(): { dataDir: string; mediaDir: string; store: MediaStore } {
  const dataDir = tempDataDir('toasoan-media-');
  return { dataDir, mediaDir: path.join(dataDir, 'media'), store: createMediaStore(dataDir) };
}

/** Everything in the media folder, hidden temp files included; [] when it does not exist. */
function mediaFiles(mediaDir: string): string[] {
  return fs.existsSync(mediaDir) ? fs.readdirSync(mediaDir).sort() : [];
}

async function refusal(promise: Promise<unknown>): Promise<ContractError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    return error as ContractError;
  }
  throw new Error('the import was expected to be refused');
}

function shaOf(ref: string): string {
  const match = MEDIA_REF_PATTERN.exec(ref);
  if (!match?.[1]) throw new Error(`not a media ref: ${ref}`);
  return match[1];
}

// ------------------------------------------------------------------------------------------------ accepted

describe('media store: accepted images', () => {
  it('keeps the fixture honest: the camera JPEG carries EXIF, GPS, XMP and orientation 6', async () => {
    const meta = await sharp(camera).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([3000, 2000, 6]);
    expect(meta.exif).toBeDefined();
    expect(meta.xmp).toBeDefined();
    // EXIF tags are numbers, so 'GPS' itself is not in the bytes: the GPS IFD pointer (tag 0x8825) and its datum are.
    for (const planted of PLANTED_IN_OUTPUT) expect(camera.includes(planted), planted).toBe(true);
    const gpsPointer =
      meta.exif!.subarray(6, 8).toString('latin1') === 'II' ? Buffer.from([0x25, 0x88]) : Buffer.from([0x88, 0x25]);
    expect(meta.exif!.includes(gpsPointer)).toBe(true);
  });

  it('imports a 3000×2000 camera JPEG: upright, ≤1600 px wide, no metadata left, a 400 px WebP thumbnail', async () => {
    const { dataDir, mediaDir, store } = newStore();
    const started = performance.now();
    const image = await store.importImage(camera, 'ảnh hiện trường.jpg');
    const elapsed = performance.now() - started;
    console.log(`[media] 3000×2000 JPEG imported in ${elapsed.toFixed(0)} ms`);

    expect(image.ref).toMatch(MEDIA_REF_PATTERN);
    expect(image.ref.endsWith('.jpg')).toBe(true);
    expect(image.format).toBe('jpeg');
    expect(image.originalName).toBe('ảnh hiện trường.jpg');
    // Orientation 6: the 3000×2000 stored pixels are 2000×3000 upright, scaled to 1600 wide.
    expect([image.width, image.height]).toEqual([1600, 2400]);

    const sha = shaOf(image.ref);
    expect(mediaFiles(mediaDir)).toEqual([`${sha}.jpg`, `${sha}.thumb.webp`]);
    const web = fs.readFileSync(path.join(mediaDir, `${sha}.jpg`));
    expect(image.bytes).toBe(web.length);
    const meta = await sharp(web).metadata();
    expect(meta.format).toBe('jpeg');
    expect([meta.width, meta.height]).toEqual([1600, 2400]);
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    for (const planted of PLANTED_IN_OUTPUT) expect(web.includes(planted), planted).toBe(false);

    const thumb = fs.readFileSync(path.join(mediaDir, `${sha}.thumb.webp`));
    const thumbMeta = await sharp(thumb).metadata();
    expect(thumbMeta.format).toBe('webp');
    expect([thumbMeta.width, thumbMeta.height]).toEqual([400, 600]);
    expect(thumbMeta.exif).toBeUndefined();
    for (const planted of PLANTED_IN_OUTPUT) expect(thumb.includes(planted), planted).toBe(false);

    expect(mediaFilePath(dataDir, `${sha}.jpg`)).toBe(path.join(mediaDir, `${sha}.jpg`));
  });

  it('turns the picture, not only the size: the top-left corner of the upright image is the stored bottom-left', async () => {
    // 200×100 stored, left half black, right half white; orientation 6 = rotate 90° clockwise to show,
    // so upright (100×200) the top half is black, the bottom half white.
    const halves = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#ffffff' } })
      .composite([
        { input: { create: { width: 100, height: 100, channels: 3, background: '#000000' } }, left: 0, top: 0 },
      ])
      .png()
      .toBuffer();
    const rotated = await sharp(halves).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const { mediaDir, store } = newStore();
    const image = await store.importImage(rotated, 'halves.jpg');
    expect([image.width, image.height]).toEqual([100, 200]);
    const { data, info } = await sharp(path.join(mediaDir, `${shaOf(image.ref)}.jpg`))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[(y * info.width + x) * info.channels] ?? -1;
    expect(at(50, 20)).toBeLessThan(40);
    expect(at(50, 180)).toBeGreaterThan(215);
  });

  it('imports a PNG with alpha as a PNG, alpha kept, never enlarged beyond 1600 and scaled to keep the aspect ratio', async () => {
    const { mediaDir, store } = newStore();
    const image = await store.importImage(await alphaPng(), 'logo.png');
    expect(image.format).toBe('png');
    expect(image.ref.endsWith('.png')).toBe(true);
    // 1200×800 is narrower than 1600: kept as it is.
    expect([image.width, image.height]).toEqual([1200, 800]);
    const meta = await sharp(path.join(mediaDir, `${shaOf(image.ref)}.png`)).metadata();
    expect(meta.format).toBe('png');
    expect(meta.hasAlpha).toBe(true);
    const thumb = await sharp(path.join(mediaDir, `${shaOf(image.ref)}.thumb.webp`)).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['webp', 400, 267]);
  });

  it('converts a wide-gamut image to sRGB and embeds no ICC profile', async () => {
    const p3 = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#20a040' } })
      .png()
      .withIccProfile('p3')
      .toBuffer();
    expect((await sharp(p3).metadata()).icc).toBeDefined();
    const { mediaDir, store } = newStore();
    const image = await store.importImage(p3, 'p3.png');
    const meta = await sharp(path.join(mediaDir, `${shaOf(image.ref)}.png`)).metadata();
    expect(meta.icc).toBeUndefined();
    expect(meta.space).toBe('srgb');
  });

  it('imports a WebP as a WebP scaled to 1600 wide, aspect ratio kept', async () => {
    const { mediaDir, store } = newStore();
    const image = await store.importImage(await webp(), 'banner.webp');
    expect([image.format, image.width, image.height]).toEqual(['webp', 1600, 800]);
    expect(image.ref.endsWith('.webp')).toBe(true);
    const meta = await sharp(path.join(mediaDir, `${shaOf(image.ref)}.webp`)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 1600, 800]);
  });

  it('keeps every frame of an animated GIF', async () => {
    const { mediaDir, store } = newStore();
    const gif = await animatedGif();
    expect((await sharp(gif).metadata()).pages).toBe(3);
    const image = await store.importImage(gif, 'chuyen-dong.gif');
    expect([image.format, image.width, image.height]).toEqual(['gif', 1600, 800]);
    const meta = await sharp(path.join(mediaDir, `${shaOf(image.ref)}.gif`), { animated: true }).metadata();
    expect(meta.format).toBe('gif');
    expect(meta.pages).toBe(3);
    expect(meta.width).toBe(1600);
    expect(meta.pageHeight ?? meta.height).toBe(800);
    expect(meta.delay).toEqual([200, 200, 200]);
    const thumb = await sharp(path.join(mediaDir, `${shaOf(image.ref)}.thumb.webp`)).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['webp', 400, 200]);
  });

  it('gives the same ref for the same image twice and writes nothing the second time', async () => {
    const { mediaDir, store } = newStore();
    const first = await store.importImage(camera, 'a.jpg');
    const files = mediaFiles(mediaDir);
    const times = files.map((name) => fs.statSync(path.join(mediaDir, name)).mtimeMs);
    const second = await store.importImage(Buffer.from(camera), 'another name.jpeg');
    expect(second.ref).toBe(first.ref);
    expect(second.bytes).toBe(first.bytes);
    expect(mediaFiles(mediaDir)).toEqual(files);
    expect(files.map((name) => fs.statSync(path.join(mediaDir, name)).mtimeMs)).toEqual(times);
  });

  it('decides the format by content: a PNG named .jpg is stored as a PNG', async () => {
    const { store } = newStore();
    const image = await store.importImage(await alphaPng(), 'photo.jpg');
    expect(image.format).toBe('png');
    expect(image.ref.endsWith('.png')).toBe(true);
  });

  it('handles concurrent imports of the same image: one set of files, no temp file left', async () => {
    const { mediaDir, store } = newStore();
    const results = await Promise.all([
      store.importImage(camera, 'a.jpg'),
      store.importImage(camera, 'b.jpg'),
      store.importImage(camera, 'c.jpg'),
    ]);
    expect(new Set(results.map((r) => r.ref)).size).toBe(1);
    expect(mediaFiles(mediaDir)).toHaveLength(2);
  });
});

// ------------------------------------------------------------------------------------------------ refused

function bmp(width: number, height: number): Buffer {
  const row = Math.ceil((width * 3) / 4) * 4;
  const size = 54 + row * height;
  const out = Buffer.alloc(size, 0x80);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(size, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(0, 30);
  out.writeUInt32LE(row * height, 34);
  return out;
}

const SVG =
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(1)</script><rect width="100" height="100"/></svg>';

interface Refusal {
  what: string;
  fileName: string;
  bytes: () => Promise<Buffer>;
  code: ErrorCode;
}

const REFUSALS: Refusal[] = [
  {
    what: 'a text file renamed .jpg',
    fileName: 'bao-cao.jpg',
    bytes: async () => Buffer.from('Báo cáo tháng 3\nKhông phải ảnh.\n', 'utf8'),
    code: 'MEDIA_UNSUPPORTED',
  },
  { what: 'an SVG', fileName: 'logo.svg', bytes: async () => Buffer.from(SVG, 'utf8'), code: 'MEDIA_UNSUPPORTED' },
  {
    what: 'an SVG renamed .png',
    fileName: 'logo.png',
    bytes: async () => Buffer.from(SVG.slice(SVG.indexOf('<svg')), 'utf8'),
    code: 'MEDIA_UNSUPPORTED',
  },
  { what: 'a BMP', fileName: 'scan.bmp', bytes: async () => bmp(64, 48), code: 'MEDIA_UNSUPPORTED' },
  {
    what: 'a TIFF',
    fileName: 'scan.tif',
    bytes: () =>
      sharp({ create: { width: 64, height: 48, channels: 3, background: '#888' } })
        .tiff()
        .toBuffer(),
    code: 'MEDIA_UNSUPPORTED',
  },
  {
    what: 'an AVIF/HEIF',
    fileName: 'iphone.heic',
    bytes: () =>
      sharp({ create: { width: 64, height: 48, channels: 3, background: '#888' } })
        .avif()
        .toBuffer(),
    code: 'MEDIA_UNSUPPORTED',
  },
  {
    what: 'a PDF',
    fileName: 'cong-van.pdf',
    bytes: async () => Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n', 'latin1'),
    code: 'MEDIA_UNSUPPORTED',
  },
  { what: 'an empty file', fileName: 'empty.jpg', bytes: async () => Buffer.alloc(0), code: 'MEDIA_UNSUPPORTED' },
  {
    what: 'a truncated JPEG (first 60%)',
    fileName: 'cut.jpg',
    bytes: async () => camera.subarray(0, Math.floor(camera.length * 0.6)),
    code: 'MEDIA_CORRUPT',
  },
  {
    what: 'a JPEG header followed by garbage',
    fileName: 'garbage.jpg',
    bytes: async () => Buffer.concat([camera.subarray(0, 2000), Buffer.alloc(50_000, 0x41)]),
    code: 'MEDIA_CORRUPT',
  },
  {
    what: 'a bare PNG signature followed by garbage',
    fileName: 'garbage.png',
    bytes: async () =>
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 7)]),
    code: 'MEDIA_CORRUPT',
  },
  {
    what: 'a truncated PNG',
    fileName: 'cut.png',
    bytes: async () => {
      const png = await textured(600, 400).png().toBuffer();
      return png.subarray(0, Math.floor(png.length * 0.6));
    },
    code: 'MEDIA_CORRUPT',
  },
  {
    what: 'a truncated WebP',
    fileName: 'cut.webp',
    bytes: async () => {
      const image = await webp();
      return image.subarray(0, Math.floor(image.length * 0.6));
    },
    code: 'MEDIA_CORRUPT',
  },
  {
    what: 'a truncated GIF',
    fileName: 'cut.gif',
    bytes: async () => {
      const gif = await animatedGif();
      return gif.subarray(0, Math.floor(gif.length * 0.6));
    },
    code: 'MEDIA_CORRUPT',
  },
  {
    what: 'a 26 MB file',
    fileName: 'huge.jpg',
    bytes: async () => Buffer.concat([camera, Buffer.alloc(26 * 1024 * 1024 - camera.length, 0)]),
    code: 'MEDIA_TOO_LARGE',
  },
  {
    what: 'a 60-megapixel PNG (8000×7600)',
    fileName: 'poster.png',
    bytes: () =>
      sharp({ create: { width: 8000, height: 7600, channels: 3, background: '#ffffff' } })
        .png()
        .toBuffer(),
    code: 'MEDIA_TOO_LARGE',
  },
];

describe('media store: refused files', () => {
  for (const refused of REFUSALS) {
    it(`refuses ${refused.what} with ${refused.code}, naming the file and leaving nothing in media/`, async () => {
      const { mediaDir, store } = newStore();
      const bytes = await refused.bytes();
      const error = await refusal(store.importImage(bytes, refused.fileName));
      expect(error.code).toBe(refused.code);
      expect(error.message).toContain(refused.fileName);
      expect(error.messageEn).toContain(refused.fileName);
      expect(error.message).not.toBe(error.messageEn);
      expect(mediaFiles(mediaDir)).toEqual([]);
    });
  }

  it('keeps the size fixtures honest: the 26 MB file is over the limit, the 60 MP PNG is small', async () => {
    const huge = await REFUSALS.find((r) => r.fileName === 'huge.jpg')!.bytes();
    expect(huge.length).toBeGreaterThan(MAX_MEDIA_BYTES);
    const poster = await REFUSALS.find((r) => r.fileName === 'poster.png')!.bytes();
    expect(poster.length).toBeLessThan(MAX_MEDIA_BYTES);
  });

  it('names the refused format where it knows it', async () => {
    const { store } = newStore();
    expect((await refusal(store.importImage(bmp(8, 8), 'x.jpg'))).messageEn).toContain('BMP');
    expect((await refusal(store.importImage(Buffer.from(SVG), 'x.jpg'))).messageEn).toContain('SVG');
  });

  it('shows no control characters of the file name in the message', async () => {
    const { store } = newStore();
    const error = await refusal(store.importImage(Buffer.from('hello'), 'a\u0000b\u202ec\n.jpg'));
    expect(error.messageEn).toContain('"abc.jpg"');
  });

  it('leaves nothing behind after a mix of refusals and one success', async () => {
    const { mediaDir, store } = newStore();
    for (const refused of REFUSALS.slice(0, 4))
      await refusal(store.importImage(await refused.bytes(), refused.fileName));
    const image = await store.importImage(await alphaPng(), 'ok.png');
    const sha = shaOf(image.ref);
    expect(mediaFiles(mediaDir)).toEqual([`${sha}.png`, `${sha}.thumb.webp`]);
  });
});

// ------------------------------------------------------------------------------------------------ names

describe('media store: served names', () => {
  const sha = 'ab'.repeat(32);
  it('resolves only the names the store writes', () => {
    const dataDir = '/data';
    expect(mediaFilePath(dataDir, `${sha}.jpg`)).toBe(path.join('/data', 'media', `${sha}.jpg`));
    expect(mediaFilePath(dataDir, `${sha}.thumb.webp`)).toBe(path.join('/data', 'media', `${sha}.thumb.webp`));
    for (const bad of [
      '../toasoan.sqlite',
      '..',
      '',
      `${sha}.jpeg`,
      `${sha}.svg`,
      `${sha.toUpperCase()}.jpg`,
      `${sha.slice(1)}.jpg`,
      `${sha}.jpg/../../toasoan.sqlite`,
      `../${sha}.jpg`,
      `${sha}.thumb.jpg`,
      `${sha}.jpg\u0000`,
      `${sha}.jpg\n`,
      `.${sha}.jpg.123-abc.tmp`,
      'toasoan.sqlite',
    ]) {
      expect(mediaFilePath(dataDir, bad), JSON.stringify(bad)).toBeNull();
      expect(mediaContentType(bad)).toBeNull();
    }
  });

  it('gives each served name its content type', () => {
    expect(mediaContentType(`${sha}.jpg`)).toBe('image/jpeg');
    expect(mediaContentType(`${sha}.png`)).toBe('image/png');
    expect(mediaContentType(`${sha}.webp`)).toBe('image/webp');
    expect(mediaContentType(`${sha}.gif`)).toBe('image/gif');
    expect(mediaContentType(`${sha}.thumb.webp`)).toBe('image/webp');
  });

  it('sniffs by magic bytes', () => {
    expect(sniffFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffFormat(Buffer.from('GIF89a'))).toBe('gif');
    expect(sniffFormat(Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'))).toBe('webp');
    expect(sniffFormat(Buffer.from('RIFF\0\0\0\0WAVEfmt ', 'latin1'))).toBeNull();
    expect(sniffFormat(Buffer.from([0xff, 0xd8]))).toBeNull();
  });
});

// ------------------------------------------------------------------------------------------------ channel

describe('media.import through the core', () => {
  it('imports an image sent as base64 and answers ref, size, format and url', async () => {
    const dataDir = tempDataDir('toasoan-media-core-');
    const core = openCore(dataDir);
    const value = await ok(core, 'media.import', {
      fileName: 'hien-truong.jpg',
      dataBase64: camera.toString('base64'),
    });
    expect(value.ref).toMatch(MEDIA_REF_PATTERN);
    const sha = shaOf(value.ref);
    expect(value).toEqual({
      ref: `media:${sha}.jpg`,
      width: 1600,
      height: 2400,
      bytes: value.bytes,
      format: 'jpeg',
      url: `media/${sha}.jpg`,
    });
    expect(fs.statSync(path.join(dataDir, 'media', `${sha}.jpg`)).size).toBe(value.bytes);
    expect(fs.existsSync(path.join(dataDir, 'media', `${sha}.thumb.webp`))).toBe(true);
    const again = await ok(core, 'media.import', { fileName: 'other.jpg', dataBase64: camera.toString('base64') });
    expect(again.ref).toBe(value.ref);
    expect(mediaFiles(path.join(dataDir, 'media'))).toHaveLength(2);
  });

  it('answers the store refusals as they are', async () => {
    const dataDir = tempDataDir('toasoan-media-core-');
    const core = openCore(dataDir);
    const text = await fails(core, 'media.import', {
      fileName: 'note.jpg',
      dataBase64: Buffer.from('chỉ là chữ').toString('base64'),
    });
    expect(text.code).toBe('MEDIA_UNSUPPORTED');
    expect(text.message).toContain('note.jpg');
    const cut = await fails(core, 'media.import', {
      fileName: 'cut.jpg',
      dataBase64: camera.subarray(0, Math.floor(camera.length * 0.6)).toString('base64'),
    });
    expect(cut.code).toBe('MEDIA_CORRUPT');
    const poster = await sharp({ create: { width: 8000, height: 7600, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const big = await fails(core, 'media.import', { fileName: 'poster.png', dataBase64: poster.toString('base64') });
    expect(big.code).toBe('MEDIA_TOO_LARGE');
    expect(mediaFiles(path.join(dataDir, 'media'))).toEqual([]);
  });

  it('refuses invalid base64 with VALIDATION naming dataBase64', async () => {
    const dataDir = tempDataDir('toasoan-media-core-');
    const core = openCore(dataDir);
    const valid = camera.subarray(0, 3000).toString('base64');
    for (const dataBase64 of [
      'not base64!',
      `data:image/jpeg;base64,${valid}`,
      `${valid.slice(0, 76)}\n${valid.slice(76)}`,
      valid.slice(0, -1),
      'QR==', // non-canonical padding bits
      valid.replace(/\+/g, '-').replace(/\//g, '_'), // base64url
      '====',
    ]) {
      const error: ContractErrorShape = await fails(core, 'media.import', { fileName: 'x.jpg', dataBase64 });
      expect(error.code, dataBase64.slice(0, 40)).toBe('VALIDATION');
      expect(error.issues?.map((issue) => issue.path)).toEqual(['dataBase64']);
      expect(error.message).toContain('dataBase64');
      expect(error.messageEn).toContain('dataBase64');
    }
    expect(mediaFiles(path.join(dataDir, 'media'))).toEqual([]);
  });

  it('validates the input shape: file name, empty and over-long data', async () => {
    const core = openCore(tempDataDir('toasoan-media-core-'));
    const noName = await fails(core, 'media.import', { fileName: '  ', dataBase64: 'AAAA' });
    expect(noName.code).toBe('VALIDATION');
    expect(noName.issues?.map((issue) => issue.path)).toEqual(['fileName']);
    const longName = await fails(core, 'media.import', { fileName: `${'a'.repeat(252)}.jpg`, dataBase64: 'AAAA' });
    expect(longName.issues?.map((issue) => issue.path)).toEqual(['fileName']);
    const empty = await fails(core, 'media.import', { fileName: 'x.jpg', dataBase64: '' });
    expect(empty.issues?.map((issue) => issue.path)).toEqual(['dataBase64']);
    const tooLong = await fails(core, 'media.import', {
      fileName: 'x.jpg',
      dataBase64: 'A'.repeat(MAX_MEDIA_BASE64_LENGTH + 4),
    });
    expect(tooLong.issues?.map((issue) => issue.path)).toEqual(['dataBase64']);
    const extra = await fails(core, 'media.import', { fileName: 'x.jpg', dataBase64: 'AAAA', mime: 'image/jpeg' });
    expect(extra.code).toBe('VALIDATION');
  });

  it('lets a file of exactly the byte limit through validation; just over it is MEDIA_TOO_LARGE from the store', async () => {
    expect(MAX_MEDIA_BASE64_LENGTH).toBe(Buffer.alloc(MAX_MEDIA_BYTES).toString('base64').length);
    const core = openCore(tempDataDir('toasoan-media-core-'));
    const justOver = Buffer.concat([camera, Buffer.alloc(MAX_MEDIA_BYTES + 1 - camera.length, 0)]);
    const base64 = justOver.toString('base64');
    expect(base64.length).toBeLessThanOrEqual(MAX_MEDIA_BASE64_LENGTH);
    const error = await fails(core, 'media.import', { fileName: 'big.jpg', dataBase64: base64 });
    expect(error.code).toBe('MEDIA_TOO_LARGE');
  });
});
