import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The better-sqlite3 module `npm install` built for this Node. */
export function nodeSqliteBinding(): string {
  return path.join(
    path.dirname(require.resolve('better-sqlite3/package.json')),
    'build',
    'Release',
    'better_sqlite3.node',
  );
}

/** Why a mismatched binding cannot be made here, or null when it can (a 64-bit little-endian ELF: Linux x64/arm64). */
export function cannotMakeMismatchedBinding(): string | null {
  const header = fs.readFileSync(nodeSqliteBinding()).subarray(0, 6);
  const elf64le = header.readUInt32BE(0) === 0x7f454c46 && header[4] === 2 && header[5] === 1;
  return elf64le
    ? null
    : `the native module is not a 64-bit little-endian ELF file on ${process.platform}/${process.arch}`;
}

interface Section {
  name: string;
  type: number;
  addr: bigint;
  offset: number;
  size: number;
  link: number;
  entsize: number;
}

function sections(elf: Buffer): Section[] {
  const shoff = Number(elf.readBigUInt64LE(0x28));
  const shentsize = elf.readUInt16LE(0x3a);
  const shnum = elf.readUInt16LE(0x3c);
  const shstrndx = elf.readUInt16LE(0x3e);
  const raw = Array.from({ length: shnum }, (_, i) => {
    const at = shoff + i * shentsize;
    return {
      nameAt: elf.readUInt32LE(at),
      type: elf.readUInt32LE(at + 4),
      addr: elf.readBigUInt64LE(at + 0x10),
      offset: Number(elf.readBigUInt64LE(at + 0x18)),
      size: Number(elf.readBigUInt64LE(at + 0x20)),
      link: elf.readUInt32LE(at + 0x28),
      entsize: Number(elf.readBigUInt64LE(at + 0x38)),
    };
  });
  const names = raw[shstrndx]!;
  const cString = (at: number) => elf.toString('latin1', at, elf.indexOf(0, at));
  return raw.map((s) => ({ ...s, name: cString(names.offset + s.nameAt) }));
}

/**
 * A copy of this Node's better-sqlite3 module changed as a build for another runtime differs: its registration says
 * NODE_MODULE_VERSION `version`, and it exports node_register_module_v<version> instead of this Node's symbol. Node
 * then refuses it exactly as Electron refuses a build made for Node ("compiled against a different Node.js version").
 */
export function writeMismatchedBinding(file: string, version = 140): void {
  const elf = Buffer.from(fs.readFileSync(nodeSqliteBinding()));
  const own = Number(process.versions.modules);
  const all = sections(elf);
  // 1. The static registration record (node_module `_module`: its first field is nm_version).
  const symtab = all.find((s) => s.type === 2);
  if (!symtab) throw new Error('the module has no symbol table');
  const strtab = all[symtab.link]!;
  let moduleAddress: bigint | null = null;
  for (let at = symtab.offset; at < symtab.offset + symtab.size; at += symtab.entsize) {
    const nameAt = strtab.offset + elf.readUInt32LE(at);
    if (elf.toString('latin1', nameAt, elf.indexOf(0, nameAt)) === '_ZL7_module') {
      moduleAddress = elf.readBigUInt64LE(at + 8);
      break;
    }
  }
  if (moduleAddress === null) throw new Error('no _module registration record in the symbol table');
  const address = moduleAddress;
  const data = all.find((s) => s.type === 1 && s.addr <= address && address < s.addr + BigInt(s.size));
  if (!data) throw new Error('the registration record is in no section with contents');
  const recordAt = data.offset + Number(address - data.addr);
  if (elf.readInt32LE(recordAt) !== own) throw new Error(`nm_version is not ${own}`);
  elf.writeInt32LE(version, recordAt);
  // 2. The exported initialiser's name, wherever the string tables hold it (same length: v115 → v140).
  const from = Buffer.from(`node_register_module_v${own}\0`, 'latin1');
  const to = Buffer.from(`node_register_module_v${version}\0`, 'latin1');
  if (from.length !== to.length) throw new Error('the module versions differ in length');
  let renamed = 0;
  for (let at = elf.indexOf(from); at >= 0; at = elf.indexOf(from, at + 1)) {
    to.copy(elf, at);
    renamed += 1;
  }
  if (renamed === 0) throw new Error('the module exports no node_register_module symbol');
  fs.writeFileSync(file, elf);
}
