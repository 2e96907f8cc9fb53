import { app, dialog } from 'electron';
import type { CoreFailure, CoreFailureKind } from '../core/child/supervisor';
import {
  EXIT_CODES,
  FAILURE_TITLE,
  failureDialogText,
  rendererGoneReport,
  uncaughtReport,
  writeFailureLog,
  type FailureKind,
  type FatalReport,
} from './failure-report';

const KIND_OF_CORE_FAILURE: Record<CoreFailureKind, FailureKind> = {
  native: 'nativeModule',
  'start-timeout': 'coreStartTimeout',
  'start-crash': 'coreStartCrash',
  'crash-loop': 'coreGone',
};

export function coreFailureReport(failure: CoreFailure): FatalReport {
  return {
    kind: KIND_OF_CORE_FAILURE[failure.kind],
    message: failure.message,
    messageEn: failure.messageEn,
    detail: failure.detail,
  };
}

let reported = false;

/**
 * The one way main fails: the log written in the data folder (or the temp folder), a dialog in Vietnamese and English
 * naming the cause and the fix, and an exit with the failure's own code. Safe before `ready` (showErrorBox is).
 */
export function failAndExit(dataDir: string, report: FatalReport): void {
  if (reported) return;
  reported = true;
  const logFile = writeFailureLog(dataDir, report);
  console.error(`[toasoan] ${report.messageEn}\n${report.detail}`);
  dialog.showErrorBox(FAILURE_TITLE, failureDialogText(report, logFile));
  app.exit(EXIT_CODES[report.kind]);
}

/** Nothing in main fails silently: every uncaught error, and a window's renderer that dies, ends here. */
export function installFailureHandlers(dataDir: string): void {
  process.on('uncaughtException', (error) => failAndExit(dataDir, uncaughtReport(error, 'exception')));
  process.on('unhandledRejection', (reason) => failAndExit(dataDir, uncaughtReport(reason, 'rejection')));
  app.on('render-process-gone', (_event, _contents, details) => {
    if (details.reason === 'clean-exit') return;
    failAndExit(dataDir, rendererGoneReport(details.reason, details.exitCode));
  });
  // Chromium restarts its own helpers (GPU, network); the core's process is watched by its supervisor. Logged, so a
  // crash that leads to something else is on record.
  app.on('child-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    writeFailureLog(dataDir, {
      kind: 'childProcessGone',
      message: `Một tiến trình con (${details.type}${details.serviceName ? `, ${details.serviceName}` : ''}) dừng: ${details.reason}.`,
      messageEn: `A child process (${details.type}${details.serviceName ? `, ${details.serviceName}` : ''}) stopped: ${details.reason}.`,
      detail: `child-process-gone: ${JSON.stringify(details)}`,
    });
  });
}
