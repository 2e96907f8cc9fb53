import { MAX_ATTACHMENT_BYTES } from '../../../shared/contract/attachments';
import { attachmentTooLarge, base64DecodedLength, storeAttachment } from '../media/attachments';
import { getArticle } from '../store/articles';
import {
  defaultDisplayName,
  insertAttachment,
  listAttachments,
  removeAttachment,
  reorderAttachments,
  updateAttachment,
} from '../store/attachments';
import { sendBackAfterEditAudited } from './approval';
import { decodeBase64Strict } from './media';
import type { Actor, CoreServices, Handlers } from './types';

export function attachmentHandlers(services: CoreServices, dataDir: string): Handlers<'attachments.'> {
  const { db } = services;
  const now = () => services.now().toISOString();
  /**
   * The attached documents are part of what an approval covers (signing/content-hash.ts): a change to them is an edit
   * of the article. In review it goes back to the step that approved it before, as an edit of the text does; approved
   * or published, its approval no longer matches and it must be approved again before it updates the portal.
   */
  const sentBack = (articleId: number, actor: Actor | null) =>
    sendBackAfterEditAudited(services, getArticle(db, articleId), actor);
  const asEdit = <T>(articleId: number, actor: Actor | null, change: () => T): T =>
    db
      .transaction(() => {
        const result = change();
        sentBack(articleId, actor);
        return result;
      })
      .immediate();
  return {
    'attachments.list': ({ articleId }) => listAttachments(db, articleId),
    'attachments.add': async ({ id, fileName, dataBase64 }, actor) => {
      // A file over the limit is refused from the length of its base64, before anything is decoded or written.
      const size = base64DecodedLength(dataBase64);
      if (size > MAX_ATTACHMENT_BYTES) throw attachmentTooLarge(fileName, size);
      listAttachments(db, id); // NOT_FOUND before the file is read
      const file = await storeAttachment(dataDir, decodeBase64Strict(dataBase64), fileName);
      return db
        .transaction(() => {
          const { attachment, added } = insertAttachment(db, id, file, defaultDisplayName(fileName), now());
          if (added) sentBack(id, actor); // the same file again changes nothing
          return attachment;
        })
        .immediate();
    },
    'attachments.update': ({ id, attachmentId, ...changes }, actor) =>
      asEdit(id, actor, () => updateAttachment(db, id, attachmentId, changes, now())),
    'attachments.remove': ({ id, attachmentId }, actor) =>
      asEdit(id, actor, () => {
        removeAttachment(db, id, attachmentId);
        return listAttachments(db, id);
      }),
    'attachments.reorder': ({ id, order }, actor) => asEdit(id, actor, () => reorderAttachments(db, id, order, now())),
  };
}
