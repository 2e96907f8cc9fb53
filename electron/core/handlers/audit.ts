import { auditCsv, listAudit } from '../store/audit';
import { getSettings } from '../store/settings';
import type { CoreServices, Handlers } from './types';

export function auditHandlers(services: CoreServices): Handlers<'audit.'> {
  const { db } = services;
  return {
    'audit.list': (filter) => listAudit(db, filter),
    'audit.exportCsv': (filter, actor) => {
      // The header row follows the workstation's language; the export itself is recorded (after the rows it exports).
      const exported = auditCsv(db, filter, getSettings(db).language);
      services.audit({ actor, action: 'audit.export', details: { filter, rows: exported.rows } });
      return exported;
    },
  };
}
