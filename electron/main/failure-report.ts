import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The exit code of each way the app can fail, so a support person (or a script) can tell them apart. */
export const EXIT_CODES = {
  /** An exception or a rejected promise nobody handled, in main. */
  uncaught: 70,
  /** The window's renderer process died (crash, out of memory, killed). */
  rendererGone: 71,
  /** The core's process kept stopping after it had started. */
  coreGone: 72,
  /** The core did not answer its start within the timeout. */
  coreStartTimeout: 73,
  /** better-sqlite3 cannot be loaded (built for Node, damaged, missing). */
  nativeModule: 74,
  /** The core stopped while it started. */
  coreStartCrash: 75,
} as const;
export type FailureKind = keyof typeof EXIT_CODES;

export interface FailureReport {
  /** A failure that ends the app, or a helper process of Chromium's that stopped (logged only). */
  kind: FailureKind | 'childProcessGone';
  /** One or two sentences: what happened and what to do, in each language. */
  message: string;
  messageEn: string;
  /** The technical detail (a stack, an exit reason) for the log. */
  detail: string;
}

/** A failure that ends the app. */
export type FatalReport = FailureReport & { kind: FailureKind };

export const LOG_FOLDER = 'logs';

function stamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

/**
 * Writes the report into `<data folder>/logs/`, or into the system's temp folder when the data folder cannot be
 * written (a read-only disk is one of the failures reported); answers the file written, or null when neither could be.
 */
export function writeFailureLog(dataDir: string, report: FailureReport, at = new Date()): string | null {
  const text = [
    `Tòa Soạn — ${at.toISOString()} — ${report.kind}${report.kind in EXIT_CODES ? ` (exit code ${EXIT_CODES[report.kind as FailureKind]})` : ''}`,
    report.message,
    report.messageEn,
    '',
    report.detail,
    '',
  ].join('\n');
  const name = `toasoan-error-${stamp(at)}.log`;
  for (const folder of [path.join(dataDir, LOG_FOLDER), os.tmpdir()]) {
    try {
      fs.mkdirSync(folder, { recursive: true });
      const file = path.join(folder, name);
      fs.appendFileSync(file, text);
      return file;
    } catch {
      // The next place, then none.
    }
  }
  return null;
}

/** The dialog's text: Vietnamese first, then English, then where the log is. */
export function failureDialogText(report: FailureReport, logFile: string | null): string {
  const where = logFile
    ? `Nhật ký lỗi / Error log: ${logFile}`
    : 'Không ghi được nhật ký lỗi. / The error log could not be written.';
  return `${report.message}\n\n${report.messageEn}\n\n${where}`;
}

export const FAILURE_TITLE = 'Tòa Soạn — lỗi / error';

/** An error nobody caught, in words for the dialog. */
export function uncaughtReport(error: unknown, origin: 'exception' | 'rejection'): FatalReport {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return {
    kind: 'uncaught',
    message: `Tòa Soạn gặp lỗi ngoài dự kiến (${origin === 'exception' ? 'ngoại lệ' : 'promise bị từ chối'} không được xử lý) và phải đóng. Những gì đã lưu vẫn còn nguyên; hãy mở lại ứng dụng và gửi nhật ký lỗi cho bộ phận hỗ trợ.`,
    messageEn: `Tòa Soạn met an unexpected error (an unhandled ${origin}) and must close. What was saved is kept; start the app again and send the error log to your support staff.`,
    detail,
  };
}

/** The window's renderer is gone (Electron's render-process-gone reasons). */
export function rendererGoneReport(reason: string, exitCode: number): FatalReport {
  return {
    kind: 'rendererGone',
    message: `Cửa sổ Tòa Soạn dừng đột ngột (${reason}). Những gì đã lưu vẫn còn nguyên; hãy mở lại ứng dụng.`,
    messageEn: `The Tòa Soạn window stopped unexpectedly (${reason}). What was saved is kept; start the app again.`,
    detail: `render-process-gone: reason ${reason}, exit code ${exitCode}`,
  };
}
