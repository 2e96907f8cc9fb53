/**
 * `npm run verify-site -- DIR`: checks a static site folder against its signed manifest (see site-manifest.ts) —
 * the manifest's signature, the hash of every page it lists, the pages it lists that are missing, and the article
 * pages in the folder it does not list. Exit code 0 when everything matches, 1 when something differs, 2 when the
 * manifest cannot be read (missing, not JSON, not signed) or the arguments are wrong.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { parseUntrustedJsonBytes } from '../../../shared/text/safe-json';
import { listFiles, safeRel } from './site-files';
import {
  MANIFEST_FORMAT,
  MANIFEST_SIGNATURE,
  monthFile,
  MONTH_FORMAT,
  publicKeyFingerprint,
  signatureOf,
  SIGNED_MANIFEST,
  SITE_PUBLIC_KEY,
} from './site-manifest';
import { parsePageRel } from './site-model';
import { CONTACTS_PAGE, SEARCH_PAGE, SITEMAP_PAGE } from './site-render';

const SHA256 = /^[0-9a-f]{64}$/;
const sitePath = z.string().refine(safeRel, 'not a path inside the site');

const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  baseUrl: z.string(),
  keyFingerprint: z.string().regex(SHA256),
  months: z.array(
    z.object({
      month: z.string().regex(/^\d{4}-\d{2}$/),
      file: z.string(),
      pages: z.number(),
      lastUpdated: z.string(),
    }),
  ),
});

const monthSchema = z.object({
  format: z.literal(MONTH_FORMAT),
  month: z.string(),
  pages: z.array(
    z.object({
      path: sitePath.refine((rel) => rel.endsWith('.html'), 'not a page'),
      url: z.string(),
      articleId: z.number(),
      title: z.string(),
      updatedAt: z.string(),
      sha256: z.string().regex(SHA256).nullable(),
      approval: z.unknown(),
    }),
  ),
  certificates: z.record(z.string(), z.unknown()),
});

/** Why the manifest cannot be used at all (exit code 2). */
export class ManifestUnreadable extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
  }
}

export type FindingKind = 'signature' | 'key' | 'month' | 'changed' | 'missing' | 'unlisted' | 'unhashed';

/** One thing in the folder that differs from the signed manifest. */
export interface Finding {
  /** The page (or manifest file) it is about. */
  path: string;
  kind: FindingKind;
  vi: string;
  en: string;
}

export interface Verification {
  pages: number;
  keyFingerprint: string;
  /** Whether the key was compared with one given by the caller (--fingerprint, --key). */
  pinned: boolean;
  findings: Finding[];
}

/** Site pages that are not article pages: the home page, the portal's own pages, folders' indexes and archives. */
function isListPage(rel: string): boolean {
  if (!rel.includes('/')) return ['index.html', SEARCH_PAGE, CONTACTS_PAGE, SITEMAP_PAGE].includes(rel);
  const parts = rel.split('/');
  return parts.length === 2 && parsePageRel(rel) === null && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(parts[0] as string);
}

async function readManifestFile(dir: string, rel: string, what: { vi: string; en: string }): Promise<Buffer> {
  try {
    return await fs.readFile(path.join(dir, rel));
  } catch {
    throw new ManifestUnreadable(
      `Không đọc được ${what.vi} (${rel}) trong thư mục "${dir}": thư mục này chưa có bản kê đã ký (hãy đăng hoặc dựng lại trang bằng Tòa Soạn).`,
      `Cannot read ${what.en} (${rel}) in "${dir}": the folder has no signed manifest (publish or rebuild the site with Tòa Soạn).`,
    );
  }
}

const sha256Of = (bytes: Buffer): string => crypto.createHash('sha256').update(bytes).digest('hex');
const short = (hash: string): string => hash.slice(0, 16);

/** The normalised fingerprint of a pin: hex digits only, lower case (the app may show it in groups). */
export function normaliseFingerprint(text: string): string {
  return text.toLowerCase().replace(/[^0-9a-f]/g, '');
}

export async function verifySite(dir: string, expectedFingerprint: string | null): Promise<Verification> {
  const bytes = await readManifestFile(dir, SIGNED_MANIFEST, { vi: 'bản kê', en: 'the manifest' });
  const signatureText = await readManifestFile(dir, MANIFEST_SIGNATURE, {
    vi: 'chữ ký của bản kê',
    en: "the manifest's signature",
  });
  const keyText = await readManifestFile(dir, SITE_PUBLIC_KEY, {
    vi: 'khóa công khai của trang',
    en: "the site's public key",
  });

  let manifest: z.infer<typeof manifestSchema>;
  try {
    manifest = manifestSchema.parse(parseUntrustedJsonBytes(bytes));
  } catch {
    throw new ManifestUnreadable(
      `${SIGNED_MANIFEST} không phải là bản kê của trang Tòa Soạn (${MANIFEST_FORMAT}) đọc được.`,
      `${SIGNED_MANIFEST} is not a readable Tòa Soạn site manifest (${MANIFEST_FORMAT}).`,
    );
  }
  let publicKey: crypto.KeyObject;
  try {
    publicKey = crypto.createPublicKey(keyText.toString('utf8'));
    if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('not Ed25519');
  } catch {
    throw new ManifestUnreadable(
      `${SITE_PUBLIC_KEY} không phải là khóa công khai Ed25519 (PEM).`,
      `${SITE_PUBLIC_KEY} is not an Ed25519 public key (PEM).`,
    );
  }

  const findings: Finding[] = [];
  const keyFingerprint = publicKeyFingerprint(publicKey);
  if (expectedFingerprint !== null && keyFingerprint !== expectedFingerprint)
    findings.push({
      path: SITE_PUBLIC_KEY,
      kind: 'key',
      vi: `Khóa của trang (${short(keyFingerprint)}…) không phải khóa đã cho (${short(expectedFingerprint)}…): bản kê có thể do người khác ký.`,
      en: `The site's key (${short(keyFingerprint)}…) is not the key given (${short(expectedFingerprint)}…): someone else may have signed the manifest.`,
    });
  if (manifest.keyFingerprint !== keyFingerprint)
    findings.push({
      path: SITE_PUBLIC_KEY,
      kind: 'key',
      vi: `Khóa công khai bên cạnh bản kê (${short(keyFingerprint)}…) không phải khóa bản kê ghi (${short(manifest.keyFingerprint)}…).`,
      en: `The public key beside the manifest (${short(keyFingerprint)}…) is not the key the manifest names (${short(manifest.keyFingerprint)}…).`,
    });
  const signed = (bytes: Buffer, signature: Buffer): boolean => {
    try {
      return crypto.verify(null, bytes, publicKey, signature);
    } catch {
      return false;
    }
  };
  const decode = (text: Buffer): Buffer => Buffer.from(text.toString('utf8').trim(), 'base64');
  if (!signed(bytes, decode(signatureText)))
    findings.push({
      path: SIGNED_MANIFEST,
      kind: 'signature',
      vi: 'Chữ ký của bản kê không khớp: bản kê (hoặc chữ ký) đã bị sửa sau khi Tòa Soạn ký.',
      en: "The manifest's signature does not match: the manifest (or its signature) was changed after Tòa Soạn signed it.",
    });

  // Each month's list of pages, checked against its own signature and against what the manifest says of it.
  const pages: z.infer<typeof monthSchema>['pages'] = [];
  for (const entry of manifest.months) {
    const rel = monthFile(entry.month);
    const monthFinding = (vi: string, en: string): void => {
      findings.push({ path: rel, kind: 'month', vi, en });
    };
    const monthBytes = await fs.readFile(path.join(dir, ...rel.split('/'))).catch(() => null);
    const monthSignature = await fs.readFile(path.join(dir, ...signatureOf(rel).split('/'))).catch(() => null);
    if (!monthBytes || !monthSignature) {
      monthFinding(
        `Thiếu tệp bản kê của tháng ${entry.month} (hoặc chữ ký của nó): không kiểm tra được ${entry.pages} trang của tháng.`,
        `The manifest file of ${entry.month} (or its signature) is missing: its ${entry.pages} pages cannot be checked.`,
      );
      continue;
    }
    let part: z.infer<typeof monthSchema>;
    try {
      part = monthSchema.parse(parseUntrustedJsonBytes(monthBytes));
    } catch {
      monthFinding(
        `Tệp bản kê của tháng ${entry.month} không đọc được: không kiểm tra được ${entry.pages} trang của tháng.`,
        `The manifest file of ${entry.month} cannot be read: its ${entry.pages} pages cannot be checked.`,
      );
      continue;
    }
    if (!signed(monthBytes, decode(monthSignature)))
      monthFinding(
        `Chữ ký của tệp bản kê tháng ${entry.month} không khớp: tệp đã bị sửa sau khi Tòa Soạn ký.`,
        `The signature of the manifest file of ${entry.month} does not match: the file was changed after Tòa Soạn signed it.`,
      );
    const lastUpdated = part.pages.reduce((latest, page) => (page.updatedAt > latest ? page.updatedAt : latest), '');
    if (part.month !== entry.month || part.pages.length !== entry.pages || lastUpdated !== entry.lastUpdated)
      monthFinding(
        `Tệp bản kê của tháng ${entry.month} không phải tệp bản kê ghi (${entry.pages} trang, sửa lần cuối ${entry.lastUpdated}): có thể là một bản cũ hơn.`,
        `The manifest file of ${entry.month} is not the one the manifest names (${entry.pages} pages, last changed ${entry.lastUpdated}): it may be an older one.`,
      );
    pages.push(...part.pages);
  }

  const listed = new Set<string>();
  for (const page of pages) {
    if (listed.has(page.path))
      throw new ManifestUnreadable(
        `Bản kê liệt kê trang ${page.path} hai lần.`,
        `The manifest lists the page ${page.path} twice.`,
      );
    listed.add(page.path);
    const onDisk = await fs.readFile(path.join(dir, ...page.path.split('/'))).catch(() => null);
    if (onDisk === null) {
      findings.push({
        path: page.path,
        kind: 'missing',
        vi: 'Trang có trong bản kê nhưng không còn trong thư mục (đã bị xóa hoặc đổi tên).',
        en: 'The page is in the manifest but not in the folder (deleted or renamed).',
      });
    } else if (page.sha256 === null) {
      findings.push({
        path: page.path,
        kind: 'unhashed',
        vi: 'Bản kê chưa có mã băm của trang này (trang ghi trước khi có bản kê): hãy "Dựng lại toàn bộ" trang.',
        en: "The manifest has no hash of this page (written before the site kept one): run 'Rebuild everything'.",
      });
    } else {
      const actual = sha256Of(onDisk);
      if (actual !== page.sha256)
        findings.push({
          path: page.path,
          kind: 'changed',
          vi: `Nội dung trang khác với bản đã ký (SHA-256 trong bản kê ${short(page.sha256)}…, trên đĩa ${short(actual)}…).`,
          en: `The page differs from the signed one (SHA-256 in the manifest ${short(page.sha256)}…, on disk ${short(actual)}…).`,
        });
    }
  }
  for (const rel of (await listFiles(dir)).sort()) {
    if (!rel.endsWith('.html') || listed.has(rel) || isListPage(rel)) continue;
    findings.push({
      path: rel,
      kind: 'unlisted',
      vi: 'Trang có trong thư mục nhưng không có trong bản kê (không do Tòa Soạn đăng).',
      en: 'The page is in the folder but not in the manifest (not published by Tòa Soạn).',
    });
  }
  const listedPages = manifest.months.reduce((sum, entry) => sum + entry.pages, 0);
  return { pages: listedPages, keyFingerprint, pinned: expectedFingerprint !== null, findings };
}

const USAGE = [
  'Cách dùng: npm run verify-site -- THƯ_MỤC [--fingerprint DẤU_VÂN_TAY | --key TỆP_KHÓA.pem]',
  'Usage: npm run verify-site -- DIR [--fingerprint FINGERPRINT | --key KEY_FILE.pem]',
];

/** Reads the arguments; a string when they are wrong (the reason, in both languages). */
async function parseArgs(argv: readonly string[]): Promise<{ dir: string; pin: string | null } | string> {
  let dir: string | null = null;
  let pin: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = argv[i + 1];
    if (arg === '--fingerprint' || arg === '--key') {
      if (value === undefined || pin !== null)
        return `${arg}: thiếu giá trị, hoặc đã cho khóa hai lần. / ${arg}: missing value, or a key given twice.`;
      if (arg === '--key') {
        try {
          pin = publicKeyFingerprint(crypto.createPublicKey(await fs.readFile(value, 'utf8')));
        } catch {
          return `Không đọc được khóa công khai từ "${value}". / Cannot read a public key from "${value}".`;
        }
      } else {
        pin = normaliseFingerprint(value);
        if (!SHA256.test(pin))
          return `Dấu vân tay phải là 64 chữ số hệ 16 (SHA-256). / The fingerprint must be 64 hex digits (SHA-256).`;
      }
      i++;
    } else if (arg.startsWith('-')) {
      return `Tùy chọn không biết: ${arg}. / Unknown option: ${arg}.`;
    } else if (dir === null) {
      dir = arg;
    } else {
      return `Chỉ kiểm tra một thư mục mỗi lần. / One folder at a time.`;
    }
  }
  if (dir === null) return 'Thiếu thư mục cần kiểm tra. / The folder to check is missing.';
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat?.isDirectory()) return `"${dir}" không phải là thư mục. / "${dir}" is not a folder.`;
  return { dir: path.resolve(dir), pin };
}

/** The command: prints what it found, answers the exit code. */
export async function main(argv: readonly string[], print: (line: string) => void): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    USAGE.forEach((line) => print(line));
    return 0;
  }
  const args = await parseArgs(argv);
  if (typeof args === 'string') {
    print(args);
    USAGE.forEach((line) => print(line));
    return 2;
  }
  let result: Verification;
  try {
    result = await verifySite(args.dir, args.pin);
  } catch (error) {
    if (!(error instanceof ManifestUnreadable)) throw error;
    print(error.vi);
    print(error.en);
    return 2;
  }
  const { pages, keyFingerprint, pinned, findings } = result;
  print(`Bản kê: ${pages} trang; khóa ký của trang: ${keyFingerprint}`);
  print(`Manifest: ${pages} pages; site signing key: ${keyFingerprint}`);
  if (!pinned) {
    print(
      '  Chưa đối chiếu khóa: hãy so dấu vân tay trên với khóa Tòa Soạn hiển thị cho đích này (hoặc dùng --fingerprint).',
    );
    print(
      '  Key not pinned: compare the fingerprint above with the one Tòa Soạn shows for this target (or use --fingerprint).',
    );
  }
  for (const finding of findings) {
    print(`${finding.path}`);
    print(`  ${finding.vi}`);
    print(`  ${finding.en}`);
  }
  if (findings.length === 0) {
    print(`Khớp: cả ${pages} trang đúng như bản kê đã ký.`);
    print(`OK: all ${pages} pages match the signed manifest.`);
    return 0;
  }
  print(`KHÁC: ${findings.length} điểm không khớp với bản kê đã ký.`);
  print(
    `DIFFERS: ${findings.length} ${findings.length === 1 ? 'thing differs' : 'things differ'} from the signed manifest.`,
  );
  return 1;
}
