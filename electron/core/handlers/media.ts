import type { Db } from '../db/database';
import type { Handlers } from './types';

export function mediaHandlers(_db: Db, _dataDir: string): Handlers<'media.'> {
  return {};
}
