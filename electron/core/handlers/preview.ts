import type { Db } from '../db/database';
import type { Handlers } from './types';

export function previewHandlers(_db: Db): Handlers<'preview.'> {
  return {};
}
