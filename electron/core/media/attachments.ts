import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { MAX_ATTACHMENT_BYTES, type AttachmentKind } from '../../../shared/contract/attachments';
import { ContractError } from '../../../shared/contract/errors';
import { exists, mediaDir, shownName, syncDir, writeAtomic } from './media-store';

/**
 * Attached documents in the media store: each file's type is told by its content alone (a name or a declared type is
 * never trusted), it is written under the SHA-256 of its bytes as '<sha>.<kind>', and a PDF is looked through for a
 * text layer. See docs/publishing.md ("Attached documents").
 */

export interface StoredAttachment {
  /** '<sha256>.<kind>' in the media folder. */
  fileName: string;
  kind: AttachmentKind;
  bytes: number;
  scanned: boolean;
}

// ------------------------------------------------------------------------------------------------ errors

const MB = 1024 * 1024;

/** MEDIA_TOO_LARGE naming the file, its size and the limit. */
export function attachmentTooLarge(fileName: string, size: number): ContractError {
  return ContractError.of('MEDIA_TOO_LARGE', 'attachments.tooLarge', {
    name: shownName(fileName),
    mb: Number((size / MB).toFixed(1)),
    max: MAX_ATTACHMENT_BYTES / MB,
  });
}

function unsupported(fileName: string, detected: string | null): ContractError {
  const name = shownName(fileName);
  return detected
    ? ContractError.of('MEDIA_UNSUPPORTED', 'attachments.unsupportedDetected', { name, detected })
    : ContractError.of('MEDIA_UNSUPPORTED', 'attachments.unsupported', { name });
}

function corrupt(fileName: string, kind: string): ContractError {
  return ContractError.of('MEDIA_CORRUPT', 'attachments.corrupt', { name: shownName(fileName), kind });
}

// ------------------------------------------------------------------------------------------------ sniffing

const startsWith = (bytes: Buffer, signature: readonly number[], at = 0): boolean =>
  bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);

const PDF_MAGIC = [...'%PDF-'].map((c) => c.charCodeAt(0));
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Formats refused by name in the message, so the writer knows what they picked (an executable named .pdf…). */
function sniffRefused(bytes: Buffer): string | null {
  if (startsWith(bytes, [0x4d, 0x5a])) return 'EXE/DLL (Windows)';
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return 'ELF';
  if (startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(bytes, [0xca, 0xfe, 0xba, 0xbe])) return 'Mach-O';
  if (startsWith(bytes, [0x23, 0x21])) return 'script';
  if (startsWith(bytes, [0x52, 0x61, 0x72, 0x21])) return 'RAR';
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf])) return '7z';
  if (startsWith(bytes, [0xff, 0xd8, 0xff]) || startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'ảnh/image';
  if (
    startsWith(
      bytes,
      [...'{\\rtf'].map((c) => c.charCodeAt(0)),
    )
  )
    return 'RTF';
  return null;
}

/**
 * An OLE2 compound file's directory entries hold stream names (UTF-16LE, 64 bytes, then their length in bytes with
 * the terminating zero, then the type: 2 = stream). Directory sectors start after the header sector, so every entry
 * begins at sectorSize + k·128; looking at those places finds the names without following the allocation tables.
 */
function oleStreamNames(bytes: Buffer): Set<string> | null {
  if (bytes.length < 512 || bytes.readUInt16LE(0x1c) !== 0xfffe) return null;
  const shift = bytes.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const names = new Set<string>();
  for (let at = sectorSize; at + 128 <= bytes.length; at += 128) {
    const length = bytes.readUInt16LE(at + 0x40);
    const type = bytes[at + 0x42];
    if (length < 4 || length > 64 || length % 2 !== 0 || (type !== 1 && type !== 2 && type !== 5)) continue;
    const name = bytes.toString('utf16le', at, at + length - 2);
    if (/^[\x01-\x05]?[\x20-\x7e]+$/.test(name)) names.add(name);
  }
  return names;
}

function sniffOle(bytes: Buffer, fileName: string): 'doc' | 'xls' {
  const names = oleStreamNames(bytes);
  if (!names) throw corrupt(fileName, 'Office (OLE2)');
  if (names.has('WordDocument')) return 'doc';
  if (names.has('Workbook') || names.has('Book')) return 'xls';
  if (names.has('PowerPoint Document')) throw unsupported(fileName, 'PowerPoint (PPT)');
  throw unsupported(fileName, 'Office (OLE2)');
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeader: number;
}

/** The entries of a ZIP from its central directory (found through the end-of-central-directory record); null if none. */
function zipEntries(bytes: Buffer): ZipEntry[] | null {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let at = bytes.length - 22; at >= lowest; at -= 1) {
    if (bytes.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    if (at + 46 + nameLength > bytes.length) return null;
    entries.push({
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      localHeader: bytes.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The bytes of a stored (uncompressed) entry, or null. */
function storedEntry(bytes: Buffer, entry: ZipEntry): Buffer | null {
  const at = entry.localHeader;
  if (entry.method !== 0 || at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) return null;
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  if (start + entry.compressedSize > bytes.length) return null;
  return bytes.subarray(start, start + entry.compressedSize);
}

const ODF_TEXT = 'application/vnd.oasis.opendocument.text';

function sniffZip(bytes: Buffer, fileName: string): 'docx' | 'xlsx' | 'odt' {
  const entries = zipEntries(bytes);
  if (!entries || entries.length === 0) throw corrupt(fileName, 'ZIP');
  const names = new Set(entries.map((entry) => entry.name));
  const mimetype = entries.find((entry) => entry.name === 'mimetype');
  if (mimetype) {
    const declared = storedEntry(bytes, mimetype)?.toString('latin1').trim() ?? '';
    if (declared === ODF_TEXT) return 'odt';
    if (declared.startsWith('application/vnd.oasis.opendocument.'))
      throw unsupported(fileName, `OpenDocument (${declared.slice('application/vnd.oasis.opendocument.'.length)})`);
  }
  if (names.has('[Content_Types].xml')) {
    const under = (folder: string) => [...names].some((name) => name.startsWith(folder));
    if (under('word/')) return 'docx';
    if (under('xl/')) return 'xlsx';
    if (under('ppt/')) throw unsupported(fileName, 'PowerPoint (PPTX)');
  }
  throw unsupported(fileName, 'ZIP');
}

/** A PDF ends with %%EOF (give or take a line break and some padding): one cut off in transfer does not. */
function pdfIsComplete(bytes: Buffer): boolean {
  return bytes.subarray(Math.max(0, bytes.length - 1024)).includes('%%EOF', 0, 'latin1');
}

/** The accepted type of the content, or a ContractError naming what it is instead. */
export function sniffAttachment(bytes: Buffer, fileName: string): AttachmentKind {
  if (startsWith(bytes, PDF_MAGIC)) {
    if (!pdfIsComplete(bytes)) throw corrupt(fileName, 'PDF');
    return 'pdf';
  }
  if (startsWith(bytes, OLE2_MAGIC)) return sniffOle(bytes, fileName);
  if (startsWith(bytes, ZIP_MAGIC)) return sniffZip(bytes, fileName);
  throw unsupported(fileName, sniffRefused(bytes));
}

// ------------------------------------------------------------------------------------------------ PDF text layer

/** Most bytes inflated while looking for a text layer (a deflate bomb stops here). */
const MAX_INFLATED = 64 * MB;

const TEXT_OPERATOR = /(?:^|[\s)\]>])(?:Tj|TJ|'|")(?=\s|$)/;
const BEGIN_TEXT = /(?:^|\s)BT(?=\s)/;

/**
 * Whether a PDF has a text layer: some font is declared (/Font) and some content stream shows text (BT … Tj/TJ).
 * Streams compressed with FlateDecode (alone) are inflated; images are skipped. A scan — pages that are pictures —
 * has neither, and screen readers read nothing of it. An encrypted PDF's streams cannot be read here, so it is judged
 * by its fonts alone. An OCR'd scan carries invisible text and counts as text.
 */
export function pdfHasTextLayer(bytes: Buffer): boolean {
  const text = bytes.toString('latin1');
  let hasFont = text.includes('/Font');
  const encrypted = text.includes('/Encrypt');
  let showsText = TEXT_OPERATOR.test(text) && BEGIN_TEXT.test(text);
  if ((hasFont && showsText) || (encrypted && hasFont)) return true;
  let budget = MAX_INFLATED;
  const keyword = /stream\r?\n/g;
  for (let match = keyword.exec(text); match !== null; match = keyword.exec(text)) {
    if (match.index > 0 && text[match.index - 1] === 'd') continue; // 'endstream'
    const dictionary = text.slice(Math.max(0, match.index - 1024), match.index);
    const opened = dictionary.lastIndexOf('<<');
    const head = opened >= 0 ? dictionary.slice(opened) : dictionary;
    const start = match.index + match[0].length;
    const stop = text.indexOf('endstream', start);
    if (stop < 0) break;
    keyword.lastIndex = stop;
    if (
      /\/Subtype\s*\/Image/.test(head) ||
      !/\/FlateDecode/.test(head) ||
      /\/Filter\s*\[[^\]]*\/\w+[^\]]*\/\w+/.test(head)
    )
      continue;
    let inflated: string;
    try {
      const chunk = zlib.inflateSync(bytes.subarray(start, stop), {
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
        maxOutputLength: budget,
      });
      budget -= chunk.length;
      inflated = chunk.toString('latin1');
    } catch {
      continue; // a stream that does not inflate (or would exceed the budget) tells nothing
    }
    hasFont ||= inflated.includes('/Font');
    showsText ||= BEGIN_TEXT.test(inflated) && TEXT_OPERATOR.test(inflated);
    if (hasFont && showsText) return true;
    if (budget <= 0) break;
  }
  return hasFont && (showsText || encrypted);
}

// ------------------------------------------------------------------------------------------------ storing

/**
 * Checks one document and writes it to <dataDir>/media/<sha>.<kind> (a temp file renamed over the name: never half a
 * file under it). The same bytes twice write nothing the second time. Throws MEDIA_TOO_LARGE, MEDIA_UNSUPPORTED or
 * MEDIA_CORRUPT having written nothing.
 */
export async function storeAttachment(dataDir: string, bytes: Buffer, fileName: string): Promise<StoredAttachment> {
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw attachmentTooLarge(fileName, bytes.length);
  const kind = sniffAttachment(bytes, fileName);
  const scanned = kind === 'pdf' && !pdfHasTextLayer(bytes);
  const sha = crypto.createHash('sha256').update(bytes).digest('hex');
  const stored = `${sha}.${kind}`;
  const dir = mediaDir(dataDir);
  if (!(await exists(path.join(dir, stored)))) {
    await fs.promises.mkdir(dir, { recursive: true });
    await writeAtomic(dir, stored, bytes);
    await syncDir(dir);
  }
  return { fileName: stored, kind, bytes: bytes.length, scanned };
}

/** The size a base64 text decodes to, without decoding it (so a file far over the limit is refused unread). */
export function base64DecodedLength(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - padding;
}
