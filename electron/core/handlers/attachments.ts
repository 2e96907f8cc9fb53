import { MAX_ATTACHMENT_BYTES } from '../../../shared/contract/attachments';
import { attachmentTooLarge, base64DecodedLength, storeAttachment } from '../media/attachments';
import {
  defaultDisplayName,
  insertAttachment,
  listAttachments,
  removeAttachment,
  reorderAttachments,
  updateAttachment,
} from '../store/attachments';
import { decodeBase64Strict } from './media';
import type { CoreServices, Handlers } from './types';

export function attachmentHandlers(services: CoreServices, dataDir: string): Handlers<'attachments.'> {
  const { db } = services;
  const now = () => services.now().toISOString();
  return {
    'attachments.list': ({ articleId }) => listAttachments(db, articleId),
    'attachments.add': async ({ id, fileName, dataBase64 }) => {
      // A file over the limit is refused from the length of its base64, before anything is decoded or written.
      const size = base64DecodedLength(dataBase64);
      if (size > MAX_ATTACHMENT_BYTES) throw attachmentTooLarge(fileName, size);
      listAttachments(db, id); // NOT_FOUND before the file is read
      const file = await storeAttachment(dataDir, decodeBase64Strict(dataBase64), fileName);
      return insertAttachment(db, id, file, defaultDisplayName(fileName), now()).attachment;
    },
    'attachments.update': ({ id, attachmentId, ...changes }) => updateAttachment(db, id, attachmentId, changes, now()),
    'attachments.remove': ({ id, attachmentId }) => {
      removeAttachment(db, id, attachmentId);
      return listAttachments(db, id);
    },
    'attachments.reorder': ({ id, order }) => reorderAttachments(db, id, order, now()),
  };
}
