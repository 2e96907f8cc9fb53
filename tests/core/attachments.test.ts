import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../shared/contract/attachments';
import type { Core } from '../../electron/core/core';
import { pdfHasTextLayer, sniffAttachment } from '../../electron/core/media/attachments';
import { mediaContentType, mediaFilePath } from '../../electron/core/media/media-store';
import {
  adminSession,
  BODY_JSON,
  callApi,
  cleanupAll,
  createUserAndSignIn,
  fails,
  ok,
  openCore,
  startHost,
  tempDataDir,
} from '../helpers';
import {
  docxFile,
  odtFile,
  oleFile,
  pdfScanned,
  pdfWithText,
  pptxFile,
  windowsExecutable,
  xlsxFile,
  zipOf,
} from '../support/attachment-files';

afterEach(cleanupAll);

const b64 = (bytes: Buffer) => bytes.toString('base64');
/** Attaches a file's bytes to an article through the contract, as the administrator. */
const attach = (core: Core, id: number, fileName: string, bytes: Buffer) =>
  ok(core, 'attachments.add', { id, fileName, dataBase64: b64(bytes) });

async function articleIn(dir = tempDataDir()) {
  const core = openCore(dir);
  const article = await ok(core, 'articles.create', {
    title: 'Công bố quyết định thành lập phường',
    bodyJson: BODY_JSON,
  });
  return { core, dir, article };
}

/** Every file in the data folder's media store (temp files included: none may be left). */
const mediaFiles = (dir: string): string[] =>
  fs.existsSync(path.join(dir, 'media')) ? fs.readdirSync(path.join(dir, 'media')).sort() : [];

describe('attached documents: the type is told by the content', () => {
  const accepted: [string, () => Buffer, string][] = [
    ['PDF', () => pdfWithText(), 'pdf'],
    ['DOC (OLE2 with a WordDocument stream)', () => oleFile('WordDocument'), 'doc'],
    ['XLS (OLE2 with a Workbook stream)', () => oleFile('Workbook'), 'xls'],
    ['DOCX ([Content_Types].xml and word/)', docxFile, 'docx'],
    ['XLSX ([Content_Types].xml and xl/)', xlsxFile, 'xlsx'],
    ['ODT (its mimetype entry)', () => odtFile(), 'odt'],
  ];
  for (const [what, make, kind] of accepted) {
    it(`accepts ${what} whatever it is named, and stores it as media/<sha>.${kind}`, async () => {
      const { core, dir, article } = await articleIn();
      // Named as something else: the name never decides.
      const added = await attach(core, article.id, 'Van ban.bin', make());
      expect(added.kind).toBe(kind);
      expect(added.fileName).toMatch(new RegExp(`^[0-9a-f]{64}\\.${kind}$`));
      expect(added.url).toBe(`media/${added.fileName}`);
      expect(added.displayName).toBe('Van ban');
      const file = mediaFilePath(dir, added.fileName);
      expect(file).not.toBeNull();
      expect(fs.readFileSync(file as string).equals(make())).toBe(true);
      expect(mediaContentType(added.fileName)).toMatch(/^application\//);
    });
  }

  const refused: [string, () => Buffer, string, RegExp][] = [
    ['an executable named .pdf', windowsExecutable, 'MEDIA_UNSUPPORTED', /EXE/],
    ['a PowerPoint (OLE2) named .doc', () => oleFile('PowerPoint Document'), 'MEDIA_UNSUPPORTED', /PowerPoint/],
    ['a PPTX named .docx', pptxFile, 'MEDIA_UNSUPPORTED', /PowerPoint/],
    [
      'an OpenDocument spreadsheet named .odt',
      () => odtFile('application/vnd.oasis.opendocument.spreadsheet'),
      'MEDIA_UNSUPPORTED',
      /spreadsheet/,
    ],
    ['a plain ZIP named .docx', () => zipOf([{ name: 'a.txt', data: 'x' }]), 'MEDIA_UNSUPPORTED', /ZIP/],
    ['a PDF cut off in transfer', () => pdfWithText().subarray(0, 200), 'MEDIA_CORRUPT', /PDF/],
    ['a ZIP without its central directory', () => docxFile().subarray(0, 60), 'MEDIA_CORRUPT', /ZIP/],
    ['plain text named .pdf', () => Buffer.from('Quyết định số 15\n'), 'MEDIA_UNSUPPORTED', /PDF, Word/],
  ];
  for (const [what, make, code, detail] of refused) {
    it(`refuses ${what} with ${code}, storing nothing`, async () => {
      const { core, dir, article } = await articleIn();
      const error = await fails(core, 'attachments.add', {
        id: article.id,
        fileName: 'quyet-dinh.pdf',
        dataBase64: b64(make()),
      });
      expect(error.code).toBe(code);
      expect(error.message).toContain('quyet-dinh.pdf');
      expect(error.messageEn).toMatch(detail);
      expect(error.message).not.toBe(error.messageEn);
      expect(mediaFiles(dir)).toEqual([]);
      expect(await ok(core, 'attachments.list', { articleId: article.id })).toEqual([]);
    });
  }

  it('tells the disguised executable in Vietnamese and English', () => {
    try {
      sniffAttachment(windowsExecutable(), 'quyet-dinh.pdf');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain('nội dung của tệp là EXE/DLL (Windows)');
    }
  });
});

describe('attached documents: size', () => {
  it(`refuses a 100 MB file (the limit is ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB) naming both sizes, with nothing stored`, async () => {
    const { core, dir, article } = await articleIn();
    const huge = Buffer.alloc(100 * 1024 * 1024, 0x20);
    pdfWithText().copy(huge); // a real PDF's start: only its size is wrong
    const error = await fails(core, 'attachments.add', {
      id: article.id,
      fileName: 'ke-hoach.pdf',
      dataBase64: b64(huge),
    });
    expect(error.code).toBe('MEDIA_TOO_LARGE');
    expect(error.message).toContain('100 MB');
    expect(error.message).toContain(`${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
    expect(error.messageEn).toContain('nothing was stored');
    expect(mediaFiles(dir)).toEqual([]);
    expect(await ok(core, 'attachments.list', { articleId: article.id })).toEqual([]);
  });

  it('takes a file of exactly the limit and refuses one byte more', async () => {
    const { core, dir, article } = await articleIn();
    const pdf = pdfWithText();
    const atLimit = Buffer.concat([
      pdf.subarray(0, pdf.length - 6),
      Buffer.alloc(MAX_ATTACHMENT_BYTES - pdf.length, 0x20),
      pdf.subarray(pdf.length - 6),
    ]);
    expect(atLimit.length).toBe(MAX_ATTACHMENT_BYTES);
    const added = await attach(core, article.id, 'a.pdf', atLimit);
    expect(added.bytes).toBe(MAX_ATTACHMENT_BYTES);
    const over = Buffer.concat([atLimit, Buffer.from(' ')]);
    expect(
      (await fails(core, 'attachments.add', { id: article.id, fileName: 'b.pdf', dataBase64: b64(over) })).code,
    ).toBe('MEDIA_TOO_LARGE');
    expect(mediaFiles(dir)).toEqual([added.fileName]);
  });
});

describe('attached documents: a PDF without a text layer is flagged as a scan', () => {
  it('looks into FlateDecode streams for fonts and text-showing operators', () => {
    expect(pdfHasTextLayer(pdfWithText())).toBe(true);
    expect(pdfHasTextLayer(pdfScanned())).toBe(false);
  });

  it('flags the scan through the contract, and not the PDF with text', async () => {
    const { core, article } = await articleIn();
    const text = await attach(core, article.id, 'qd.pdf', pdfWithText());
    const scan = await attach(core, article.id, 'scan.pdf', pdfScanned());
    expect([text.scanned, scan.scanned]).toEqual([false, true]);
    const docx = await attach(core, article.id, 'kh.docx', docxFile());
    expect(docx.scanned).toBe(false);
  });
});

describe('attached documents through the contract', () => {
  it('adds, lists, edits the particulars, reorders and removes, on a real SQLite store', async () => {
    const { core, dir, article } = await articleIn();
    const decision = await attach(core, article.id, 'Quyết định 15.pdf', pdfWithText());
    const plan = await attach(core, article.id, 'Kế hoạch.docx', docxFile());
    expect(decision.displayName).toBe('Quyết định 15');

    // The same file again is the attachment it already has, not a second one.
    const again = await attach(core, article.id, 'khac.pdf', pdfWithText());
    expect(again.id).toBe(decision.id);

    const edited = await ok(core, 'attachments.update', {
      id: article.id,
      attachmentId: decision.id,
      displayName: 'Quyết định thành lập phường',
      docNumber: '15/2023/QĐ-UBND',
      issuedOn: '2023-03-15',
      issuer: 'UBND thị xã Giá Rai',
    });
    expect(edited).toMatchObject({
      docNumber: '15/2023/QĐ-UBND',
      issuedOn: '2023-03-15',
      issuer: 'UBND thị xã Giá Rai',
    });

    const reordered = await ok(core, 'attachments.reorder', { id: article.id, order: [plan.id, decision.id] });
    expect(reordered.map((a) => a.id)).toEqual([plan.id, decision.id]);

    // A reopened store has all of it.
    core.close();
    const reopened = openCore(dir);
    const listed = await ok(reopened, 'attachments.list', { articleId: article.id });
    expect(listed.map((a) => [a.displayName, a.kind, a.docNumber, a.issuedOn, a.issuer])).toEqual([
      ['Kế hoạch', 'docx', '', null, ''],
      ['Quyết định thành lập phường', 'pdf', '15/2023/QĐ-UBND', '2023-03-15', 'UBND thị xã Giá Rai'],
    ]);

    const cleared = await ok(reopened, 'attachments.update', {
      id: article.id,
      attachmentId: decision.id,
      issuedOn: null,
    });
    expect(cleared.issuedOn).toBeNull();
    const left = await ok(reopened, 'attachments.remove', { id: article.id, attachmentId: plan.id });
    expect(left.map((a) => a.id)).toEqual([decision.id]);
    // The file stays in the store (earlier publications and other articles may show it).
    expect(mediaFiles(dir)).toContain(plan.fileName);
  });

  it('refuses bad particulars, a wrong order and an attachment of another article, changing nothing', async () => {
    const { core, article } = await articleIn();
    const other = await ok(core, 'articles.create', { title: 'Bài khác' });
    const added = await attach(core, article.id, 'qd.pdf', pdfWithText());
    const badDate = await fails(core, 'attachments.update', {
      id: article.id,
      attachmentId: added.id,
      issuedOn: '2023-02-30',
    });
    expect(badDate.code).toBe('VALIDATION');
    expect(badDate.issues?.[0]?.path).toBe('issuedOn');
    const badOrder = await fails(core, 'attachments.reorder', { id: article.id, order: [added.id, added.id] });
    expect(badOrder.code).toBe('VALIDATION');
    const elsewhere = await fails(core, 'attachments.remove', { id: other.id, attachmentId: added.id });
    expect(elsewhere.code).toBe('NOT_FOUND');
    expect((await fails(core, 'attachments.list', { articleId: 9999 })).code).toBe('NOT_FOUND');
    expect(await ok(core, 'attachments.list', { articleId: article.id })).toHaveLength(1);
  });

  it('lets a writer attach to their own draft only, and no leader attach at all', async () => {
    const { core, article } = await articleIn();
    const writer = await createUserAndSignIn(core, 'writer', 'phongvien');
    const leader = await createUserAndSignIn(core, 'leader', 'lanhdao');
    const own = await ok(core, 'articles.create', { title: 'Bài của phóng viên' }, writer.session);
    const payload = (id: number) => ({ id, fileName: 'qd.pdf', dataBase64: b64(pdfWithText()) });
    expect((await ok(core, 'attachments.add', payload(own.id), writer.session)).kind).toBe('pdf');
    expect((await fails(core, 'attachments.add', payload(article.id), writer.session)).code).toBe('FORBIDDEN');
    expect((await fails(core, 'attachments.add', payload(own.id), leader.session)).code).toBe('FORBIDDEN');
    expect(await ok(core, 'attachments.list', { articleId: own.id }, leader.session)).toHaveLength(1);
  });
});

describe('attached documents through the browser-mode host', () => {
  it('takes a document over HTTP and serves it back from /media/ with its type; a 100 MB upload is refused whole', async () => {
    const { core, dir, article } = await articleIn();
    const token = 'ma-truy-cap-thu';
    const { port } = await startHost(core, token, tempDataDir('toasoan-static-'));
    const session = await adminSession(core);
    const pdf = pdfWithText();
    const added = await callApi(
      port,
      token,
      'attachments.add',
      { id: article.id, fileName: 'qd.pdf', dataBase64: b64(pdf) },
      session,
    );
    expect(added.status).toBe(200);
    const { fileName } = (added.result as { ok: true; value: { fileName: string } }).value;
    const served = await fetch(`http://127.0.0.1:${port}/media/${fileName}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await served.arrayBuffer()).equals(pdf)).toBe(true);

    const huge = Buffer.alloc(100 * 1024 * 1024, 0x20);
    const refused = await callApi(
      port,
      token,
      'attachments.add',
      { id: article.id, fileName: 'lon.pdf', dataBase64: b64(huge) },
      session,
    );
    expect(refused.status).toBe(413);
    expect(refused.result.ok).toBe(false);
    expect(mediaFiles(dir)).toEqual([fileName]);
    expect(await ok(core, 'attachments.list', { articleId: article.id })).toHaveLength(1);
  });
});
