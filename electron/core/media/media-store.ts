import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type SharpModule from 'sharp';
import {
  MAX_MEDIA_BYTES,
  MAX_MEDIA_PIXELS,
  MEDIA_THUMB_WIDTH,
  MEDIA_WEB_MAX_WIDTH,
  type MediaFormat,
} from '../../../shared/contract/media';
import { ContractError } from '../../../shared/contract/errors';
import { ATTACHMENT_TYPES } from '../../../shared/contract/attachments';

/** The folder of the media store, inside the data folder. */
export const MEDIA_FOLDER = 'media';

/**
 * The names the store writes, and the only ones it serves: images '<sha256>.<ext>' and '<sha256>.thumb.webp', and
 * attached documents '<sha256>.<pdf|doc|docx|xls|xlsx|odt>' (./attachments.ts).
 */
const MEDIA_FILE_NAME = /^[0-9a-f]{64}\.(jpg|png|webp|gif|thumb\.webp|pdf|doc|docx|xls|xlsx|odt)$/;

const EXTENSION: Record<MediaFormat, 'jpg' | 'png' | 'webp' | 'gif'> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
};

const CONTENT_TYPE: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  ...Object.fromEntries(Object.entries(ATTACHMENT_TYPES).map(([kind, type]) => [kind, type.mime])),
};

export interface ImportedImage {
  /** 'media:<sha256 of the web-size bytes>.<ext>' */
  ref: string;
  /** Of the web-size image (one frame of an animated one). */
  width: number;
  height: number;
  /** Size of the web-size file. */
  bytes: number;
  format: MediaFormat;
  originalName: string;
  /** The web-size file's name in the media folder, '<sha>.<ext>'. */
  fileName: string;
  /** The thumbnail's name in the media folder, '<sha>.thumb.webp'. */
  thumbName: string;
}

export function mediaDir(dataDir: string): string {
  return path.join(dataDir, MEDIA_FOLDER);
}

/** The file behind a served name, or null for any name the store does not write (so no path can escape the folder). */
export function mediaFilePath(dataDir: string, fileName: string): string | null {
  if (!MEDIA_FILE_NAME.test(fileName)) return null;
  return path.join(mediaDir(dataDir), fileName);
}

/** The Content-Type of a served name; null where mediaFilePath answers null. */
export function mediaContentType(fileName: string): string | null {
  const match = MEDIA_FILE_NAME.exec(fileName);
  if (!match) return null;
  return CONTENT_TYPE[fileName.slice(fileName.lastIndexOf('.') + 1)] ?? null;
}

// ------------------------------------------------------------------------------------------------ errors

/** The file name as shown in a message: no control or bidi characters, at most 255 characters. */
export function shownName(fileName: string): string {
  const clean = fileName.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return clean.slice(0, 255) || '(không tên / unnamed)';
}

function tooLargeFile(fileName: string, size: number): ContractError {
  const name = shownName(fileName);
  const mb = Number((size / 1024 / 1024).toFixed(1));
  return ContractError.of('MEDIA_TOO_LARGE', 'media.tooLarge', { name, mb, max: MAX_MEDIA_BYTES / 1024 / 1024 });
}

function tooManyPixels(fileName: string): ContractError {
  const name = shownName(fileName);
  return ContractError.of('MEDIA_TOO_LARGE', 'media.tooManyPixels', { name, megapixels: MAX_MEDIA_PIXELS / 1_000_000 });
}

function unsupported(fileName: string, detected: string | null): ContractError {
  const name = shownName(fileName);
  return detected
    ? ContractError.of('MEDIA_UNSUPPORTED', 'media.unsupportedDetected', { name, detected })
    : ContractError.of('MEDIA_UNSUPPORTED', 'media.unsupported', { name });
}

function corrupt(fileName: string, format: MediaFormat): ContractError {
  const name = shownName(fileName);
  return ContractError.of('MEDIA_CORRUPT', 'media.corrupt', { name, format: format.toUpperCase() });
}

// ------------------------------------------------------------------------------------------------ sniffing

function startsWith(bytes: Buffer, signature: number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((byte, i) => bytes[at + i] === byte);
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** The accepted format the content is, by its magic bytes alone (never by name or declared type). */
export function sniffFormat(bytes: Buffer): MediaFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  return null;
}

/** A well-known format that is refused, named in the message so the user knows what to convert. */
function sniffRefused(bytes: Buffer): string | null {
  if (startsWith(bytes, ascii('BM'))) return 'BMP';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'TIFF';
  if (startsWith(bytes, ascii('%PDF'))) return 'PDF';
  if (startsWith(bytes, ascii('ftyp'), 4)) {
    const brand = bytes.subarray(8, 12).toString('latin1');
    if (brand.startsWith('avi')) return 'AVIF';
    if (/^(hei|hev|mif1|msf1)/.test(brand)) return 'HEIC';
    return null;
  }
  const head = bytes
    .subarray(0, 1024)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'SVG';
  return null;
}

/** A GIF ends with the trailer byte 0x3B; libvips decodes a cut-off GIF without complaint, so it is checked here. */
function gifIsComplete(bytes: Buffer): boolean {
  let end = bytes.length - 1;
  while (end > 0 && bytes[end] === 0x00) end -= 1; // some writers pad the file with zeros after the trailer
  return bytes[end] === 0x3b;
}

// ------------------------------------------------------------------------------------------------ processing

type Sharp = typeof SharpModule;
let sharpModule: Promise<Sharp> | null = null;

/**
 * sharp (native libvips) is loaded on the first import, not when the core starts: startup stays fast, and
 * modules that only need the served names (the hosts, the API-docs generator) never load it.
 */
function loadSharp(): Promise<Sharp> {
  sharpModule ??= import('sharp').then(
    (module) => module.default,
    (error: unknown) => {
      sharpModule = null; // a failed load is tried again next time
      throw error;
    },
  );
  return sharpModule;
}

interface Processed {
  web: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

function mapSharpError(error: unknown, fileName: string, format: MediaFormat): ContractError {
  const message = error instanceof Error ? error.message : String(error);
  if (/exceeds pixel limit|too large/i.test(message)) return tooManyPixels(fileName);
  return corrupt(fileName, format);
}

async function processImage(bytes: Buffer, format: MediaFormat, fileName: string): Promise<Processed> {
  // Animated GIF and WebP keep every frame; for them the pixel limit counts all frames together.
  const animated = format === 'gif' || format === 'webp';
  const input = { limitInputPixels: MAX_MEDIA_PIXELS, failOn: 'error', animated } as const;
  const sharp = await loadSharp();
  let web: { data: Buffer; info: SharpModule.OutputInfo };
  try {
    const meta = await sharp(bytes, input).metadata();
    if (meta.format !== format) throw corrupt(fileName, format);
    // No withMetadata/keep*: sharp writes no EXIF, GPS, XMP, IPTC or comment and converts to sRGB without an ICC profile.
    const pipeline = sharp(bytes, input).autoOrient().resize({ width: MEDIA_WEB_MAX_WIDTH, withoutEnlargement: true });
    if (format === 'jpeg') pipeline.jpeg({ quality: 82, mozjpeg: true });
    else if (format === 'png') pipeline.png({ compressionLevel: 9 });
    else if (format === 'webp') pipeline.webp({ quality: 80 });
    else pipeline.gif();
    web = await pipeline.toBuffer({ resolveWithObject: true });
  } catch (error) {
    if (error instanceof ContractError) throw error;
    throw mapSharpError(error, fileName, format);
  }
  try {
    // From the web-size image: upright already, and the first frame of an animated one.
    const thumb = await sharp(web.data, { failOn: 'error' })
      .resize({ width: MEDIA_THUMB_WIDTH, withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    return { web: web.data, thumb, width: web.info.width, height: web.info.pageHeight ?? web.info.height };
  } catch (error) {
    throw mapSharpError(error, fileName, format);
  }
}

// ------------------------------------------------------------------------------------------------ writing

export async function exists(file: string): Promise<boolean> {
  try {
    return (await fs.promises.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Writes a temp file in the same folder, flushes it and renames it over the final name: never half a file under it. */
export async function writeAtomic(dir: string, name: string, data: Buffer): Promise<void> {
  const final = path.join(dir, name);
  if (await exists(final)) return;
  const temp = path.join(dir, `.${name}.${process.pid}-${crypto.randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.promises.open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.promises.rename(temp, final);
    } catch (error) {
      // Another import of the same image got there first (Windows refuses to replace an open file): same bytes.
      if (!(await exists(final))) throw error;
    }
  } finally {
    await fs.promises.rm(temp, { force: true });
  }
}

/** Makes the renames durable where the platform allows syncing a folder (not on Windows). */
export async function syncDir(dir: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(dir, 'r');
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export interface MediaStore {
  /** <dataDir>/media */
  readonly dir: string;
  /**
   * Imports one image: checks it, turns it upright, strips its metadata, scales it to the web width and
   * writes '<sha>.<ext>' and '<sha>.thumb.webp'. The same image twice gives the same ref and writes nothing.
   * Throws ContractError MEDIA_TOO_LARGE, MEDIA_UNSUPPORTED or MEDIA_CORRUPT, having written nothing.
   */
  importImage(bytes: Buffer, fileName: string): Promise<ImportedImage>;
}

/** The content-addressed media store in <dataDir>/media/ (the folder is created on the first import). */
export function createMediaStore(dataDir: string): MediaStore {
  const dir = mediaDir(dataDir);

  async function importImage(bytes: Buffer, fileName: string): Promise<ImportedImage> {
    if (bytes.length > MAX_MEDIA_BYTES) throw tooLargeFile(fileName, bytes.length);
    const format = sniffFormat(bytes);
    if (!format) throw unsupported(fileName, sniffRefused(bytes));
    if (format === 'gif' && !gifIsComplete(bytes)) throw corrupt(fileName, format);

    const processed = await processImage(bytes, format, fileName);
    const sha = crypto.createHash('sha256').update(processed.web).digest('hex');
    const webName = `${sha}.${EXTENSION[format]}`;
    const thumbName = `${sha}.thumb.webp`;

    if (!((await exists(path.join(dir, webName))) && (await exists(path.join(dir, thumbName))))) {
      await fs.promises.mkdir(dir, { recursive: true });
      // The thumbnail first: wherever the image exists, its thumbnail does too.
      await writeAtomic(dir, thumbName, processed.thumb);
      await writeAtomic(dir, webName, processed.web);
      await syncDir(dir);
    }
    return {
      ref: `media:${webName}`,
      width: processed.width,
      height: processed.height,
      bytes: processed.web.length,
      format,
      originalName: fileName,
      fileName: webName,
      thumbName,
    };
  }

  return { dir, importImage };
}
