import type { Article } from '../../../shared/contract/articles';
import { notFound } from '../../../shared/contract/errors';
import { signerOf } from '../signing/certificates';
import { approvalContent } from '../signing/content-hash';
import {
  addTrust,
  importPkcs12,
  listTrust,
  myKey,
  pkcs11Module,
  removeTrust,
  setPkcs11Module,
  verifyRecord,
  type SigningDeps,
} from '../signing/signing';
import {
  DEFAULT_CHAIN,
  finalApproval,
  listChains,
  mayDecide,
  recordById,
  recordsOf,
  reviewOf,
  sendBackAfterEdit,
  setChain,
} from '../store/approvals';
import { getArticle } from '../store/articles';
import type { Actor, CoreServices, Handlers } from './types';

/**
 * An edit while the article waits in its approval chain sends it back to the step that approved the text before
 * (store/approvals.ts); the audit log says so. Call inside the edit's transaction.
 */
export function sendBackAfterEditAudited(services: CoreServices, article: Article, actor: Actor | null): void {
  if (article.status !== 'pending_review') return;
  const step = sendBackAfterEdit(services.db, article.id);
  if (step === null) return;
  services.audit({
    actor,
    action: 'approval.sentBack',
    target: { type: 'article', id: article.id },
    details: { step: step + 1, version: article.version, title: article.title },
  });
}

export function approvalHandlers(services: CoreServices, deps: SigningDeps): Handlers<'approval.' | 'signing.'> {
  const { db } = services;
  const me = (actor: Actor | null) => actor as Actor;
  return {
    'approval.chains': () => ({ defaultSteps: [...DEFAULT_CHAIN], chains: listChains(db) }),

    'approval.setChain': ({ categoryId, steps }, actor) =>
      db
        .transaction(() => {
          setChain(db, categoryId, steps, services.now().toISOString());
          services.audit({
            actor,
            action: 'approval.chainSet',
            target: { type: 'category', id: categoryId },
            details: { steps },
          });
          return { categoryId, steps: steps.length > 0 ? steps : [...DEFAULT_CHAIN] };
        })
        .immediate(),

    'approval.status': ({ articleId }, actor) => {
      const article = getArticle(db, articleId);
      const review = reviewOf(db, articleId);
      const inReview = article.status === 'pending_review';
      const steps = review?.steps ?? [...DEFAULT_CHAIN];
      const currentStep = inReview ? (review?.currentStep ?? 0) : null;
      const approval = finalApproval(db, articleId);
      const currentHash = approvalContent(db, deps.dataDir, articleId, article.version).hash;
      const user = me(actor);
      return {
        steps,
        inReview,
        currentStep,
        mayWithdraw: inReview && !review?.acted && article.ownerId === user.id && user.role === 'writer',
        mayDecide: currentStep !== null && mayDecide(steps[currentStep] ?? DEFAULT_CHAIN[0]!, user),
        records: recordsOf(db, articleId).map((r) => ({
          id: r.id,
          step: r.step,
          stepCount: r.stepCount,
          decision: r.decision,
          actorId: r.actorId,
          actorName: r.actorName,
          version: r.version,
          contentHash: r.contentHash,
          reason: r.reason,
          at: r.at,
          signer: r.certificatePem && r.signedAt ? { ...signerOf(r.certificatePem), signedAt: r.signedAt } : null,
        })),
        currentHash,
        approvedHash: approval?.contentHash ?? null,
        approvedDiffers: approval !== null && approval.contentHash !== currentHash,
      };
    },

    'approval.verify': async ({ recordId }) => {
      const record = recordById(db, recordId);
      if (!record) throw notFound({ vi: 'bản ghi duyệt', en: 'Approval record' }, recordId);
      return verifyRecord(db, deps.dataDir, record);
    },

    'signing.config': () => ({ pkcs11Module: pkcs11Module(db), trust: listTrust(db) }),

    'signing.setModule': ({ path }, actor) => {
      setPkcs11Module(db, path);
      services.audit({ actor, action: 'signing.moduleSet', details: { path } });
      return { pkcs11Module: path };
    },

    'signing.addTrust': ({ kind, name, data }, actor) =>
      db
        .transaction(() => {
          const entry = addTrust(db, kind, name, data, services.now().toISOString());
          services.audit({
            actor,
            action: 'signing.trustAdded',
            details: { kind, name, about: entry.about },
          });
          return entry;
        })
        .immediate(),

    'signing.removeTrust': ({ id }, actor) =>
      db
        .transaction(() => {
          const removed = removeTrust(db, id);
          services.audit({ actor, action: 'signing.trustRemoved', details: { id, ...removed } });
          return { removed: true };
        })
        .immediate(),

    'signing.importPkcs12': async ({ fileBase64, password }, actor) => {
      const user = me(actor);
      const info = await importPkcs12(db, deps, user.id, Buffer.from(fileBase64, 'base64'), password, services.now());
      services.audit({ actor, action: 'signing.keyImported', details: { subject: info.subject, issuer: info.issuer } });
      return info;
    },

    'signing.myKey': (_input, actor) => myKey(db, me(actor).id),
  };
}
