/**
 * A small POSIX (ustar) tar writer and reader for backup archives: regular files only, names of at most 100 bytes,
 * no links, no directories, no extensions. What it writes, `tar -tvf` lists and `tar -xf` extracts; what it reads, it
 * checks header by header (checksum, magic, type, name, size) and refuses anything else.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';

export const BLOCK = 512;
const CHUNK = 1024 * 1024;

/** A refusal while reading an archive: the caller turns it into a message. */
export class TarFormatError extends Error {
  override readonly name = 'TarFormatError';
}

function octal(value: number, width: number): string {
  // width - 1 digits and a NUL, as GNU and BSD tar write them.
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

export function tarHeader(name: string, size: number, mtime: Date): Buffer {
  const header = Buffer.alloc(BLOCK, 0);
  if (Buffer.byteLength(name) > 100) throw new Error(`tar: name too long: ${name}`);
  if (size > 0o77777777777) throw new Error(`tar: file too large: ${name}`);
  header.write(name, 0, 100, 'utf8');
  header.write(octal(0o644, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(size, 12), 124, 'ascii');
  header.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  header.write('        ', 148, 'ascii');
  header.write('0', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  header.write('toasoan', 265, 'ascii');
  header.write('toasoan', 297, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** Writes an archive entry by entry into an open file handle; hashes each file as it copies it. */
export class TarWriter {
  private position = 0;
  constructor(private readonly handle: fs.promises.FileHandle) {}

  private async write(bytes: Buffer): Promise<void> {
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done, this.position);
      done += bytesWritten;
      this.position += bytesWritten;
    }
  }

  async addBuffer(name: string, bytes: Buffer, mtime = new Date()): Promise<void> {
    await this.write(tarHeader(name, bytes.length, mtime));
    await this.write(bytes);
    await this.write(Buffer.alloc(padding(bytes.length)));
  }

  /** Copies a file in; answers its size and SHA-256 as written (the file must not change meanwhile). */
  async addFile(name: string, file: string): Promise<{ size: number; sha256: string }> {
    const source = await fs.promises.open(file, 'r');
    try {
      const { size, mtime } = await source.stat();
      await this.write(tarHeader(name, size, mtime));
      const hash = crypto.createHash('sha256');
      const buffer = Buffer.alloc(Math.min(CHUNK, Math.max(size, 1)));
      let copied = 0;
      while (copied < size) {
        const { bytesRead } = await source.read(buffer, 0, Math.min(buffer.length, size - copied), copied);
        if (bytesRead === 0) throw new Error(`tar: ${file} became shorter while it was copied`);
        const chunk = buffer.subarray(0, bytesRead);
        hash.update(chunk);
        await this.write(chunk);
        copied += bytesRead;
      }
      await this.write(Buffer.alloc(padding(size)));
      return { size, sha256: hash.digest('hex') };
    } finally {
      await source.close();
    }
  }

  /** The two zero blocks that end an archive. */
  async finish(): Promise<number> {
    await this.write(Buffer.alloc(BLOCK * 2));
    return this.position;
  }
}

export interface TarEntry {
  name: string;
  size: number;
  /** Where the entry's data starts in the archive. */
  offset: number;
}

function readOctal(header: Buffer, start: number, width: number, what: string): number {
  const text = header
    .toString('ascii', start, start + width)
    .replace(/[\0 ]+$/, '')
    .replace(/^ +/, '');
  if (!/^[0-7]{1,12}$/.test(text)) throw new TarFormatError(`a header's ${what} is not an octal number`);
  return parseInt(text, 8);
}

/** Parses one header block; null for a zero block (the end). */
export function parseHeader(header: Buffer, offset: number): TarEntry | null {
  if (header.every((byte) => byte === 0)) return null;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] as number);
  if (readOctal(header, 148, 8, 'checksum') !== sum)
    throw new TarFormatError(`the header at byte ${offset} is damaged (checksum)`);
  if (header.toString('ascii', 257, 262) !== 'ustar')
    throw new TarFormatError(`the header at byte ${offset} is not a POSIX tar header`);
  const type = header[156];
  if (type !== 0x30 && type !== 0) throw new TarFormatError(`the entry at byte ${offset} is not a regular file`);
  const nameEnd = header.indexOf(0, 0);
  const name = header.toString('utf8', 0, nameEnd === -1 || nameEnd > 100 ? 100 : nameEnd);
  const prefixEnd = header.indexOf(0, 345);
  const prefix = header.toString('utf8', 345, prefixEnd === -1 || prefixEnd > 500 ? 500 : prefixEnd);
  if (prefix) throw new TarFormatError(`the entry ${prefix}/${name} has a path this app never writes`);
  return { name, size: readOctal(header, 124, 12, 'size'), offset: offset + BLOCK };
}

/** Reads an archive's entries in order, from an open handle; each entry's data is read by the callback. */
export async function readTar(
  handle: fs.promises.FileHandle,
  onEntry: (entry: TarEntry, read: (into: (chunk: Buffer) => Promise<void> | void) => Promise<void>) => Promise<void>,
): Promise<void> {
  const { size: total } = await handle.stat();
  const header = Buffer.alloc(BLOCK);
  let position = 0;
  for (;;) {
    if (position + BLOCK > total) throw new TarFormatError('the archive ends before its end marker (truncated)');
    await handle.read(header, 0, BLOCK, position);
    const entry = parseHeader(header, position);
    if (!entry) {
      const second = Buffer.alloc(BLOCK);
      const { bytesRead } = await handle.read(second, 0, BLOCK, position + BLOCK);
      if (bytesRead !== BLOCK || !second.every((byte) => byte === 0))
        throw new TarFormatError('the archive ends before its end marker (truncated)');
      return;
    }
    if (entry.offset + entry.size > total)
      throw new TarFormatError(`${entry.name} is cut short (the archive is truncated)`);
    await onEntry(entry, async (into) => {
      const buffer = Buffer.alloc(Math.min(CHUNK, Math.max(entry.size, 1)));
      let done = 0;
      while (done < entry.size) {
        const { bytesRead } = await handle.read(
          buffer,
          0,
          Math.min(buffer.length, entry.size - done),
          entry.offset + done,
        );
        if (bytesRead === 0) throw new TarFormatError(`${entry.name} is cut short (the archive is truncated)`);
        await into(Buffer.from(buffer.subarray(0, bytesRead)));
        done += bytesRead;
      }
    });
    position = entry.offset + entry.size + padding(entry.size);
  }
}
