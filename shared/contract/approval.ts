import { z } from 'zod';
import { ROLES } from './auth';
import { channel } from './channel';

const id = z.number().int().positive();

/** One step of an approval chain: named users (when any), else everyone of a role; administrators decide at any step. */
export const approvalStepSchema = z.strictObject({
  role: z.enum(ROLES.filter((r) => r !== 'writer') as ['editor', 'leader', 'admin']),
  userIds: z.array(id).max(50),
  /** Whether approving at this step needs a digital signature. */
  signed: z.boolean(),
});
export type ApprovalStep = z.infer<typeof approvalStepSchema>;

export const approvalRecordSchema = z.object({
  id,
  step: z.number().int().nonnegative(),
  stepCount: z.number().int().positive(),
  decision: z.enum(['approve', 'return']),
  actorId: id,
  actorName: z.string(),
  version: z.number().int().positive(),
  contentHash: z.string(),
  reason: z.string(),
  at: z.string(),
  /** The signer's certificate, when the approval was signed. */
  signer: z.object({ subject: z.string(), issuer: z.string(), serial: z.string(), signedAt: z.string() }).nullable(),
});

const trustEntrySchema = z.object({
  id,
  kind: z.enum(['ca', 'crl']),
  name: z.string(),
  /** Subject of a CA, issuer of a CRL. */
  about: z.string(),
  addedAt: z.string(),
});

const keyInfoSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  addedAt: z.string(),
});

export const approvalChannels = {
  'approval.chains': channel({
    summary:
      'The approval chain of every category that has one of its own, and the default chain of the others (one step for editors).',
    input: z.strictObject({}),
    output: z.object({
      defaultSteps: z.array(approvalStepSchema),
      chains: z.array(z.object({ categoryId: id, steps: z.array(approvalStepSchema), updatedAt: z.string() })),
    }),
    errors: ['AUTH_REQUIRED'],
  }),
  'approval.setChain': channel({
    summary:
      "Sets a category's approval chain (admin only): ordered steps, each a role or named users, each signed or not; an empty list goes back to the default. Articles already in review keep the chain they were submitted into.",
    input: z.strictObject({ categoryId: id, steps: z.array(approvalStepSchema).max(10) }),
    output: z.object({ categoryId: id, steps: z.array(approvalStepSchema) }),
    errors: ['AUTH_REQUIRED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'approval.status': channel({
    summary:
      "Where an article stands in its chain: the chain it keeps, the step it waits at, who may decide there, every decision so far, and whether the current text differs from the one last approved (approvedDiffers: 'Bản trên cổng khác bản đã duyệt').",
    input: z.strictObject({ articleId: id }),
    output: z.object({
      steps: z.array(approvalStepSchema),
      inReview: z.boolean(),
      currentStep: z.number().int().nonnegative().nullable(),
      mayWithdraw: z.boolean(),
      /** Whether the signed-in user may approve or return at the current step. */
      mayDecide: z.boolean(),
      records: z.array(approvalRecordSchema),
      currentHash: z.string(),
      approvedHash: z.string().nullable(),
      approvedDiffers: z.boolean(),
    }),
    errors: ['AUTH_REQUIRED', 'NOT_FOUND'],
  }),
  'approval.verify': channel({
    summary:
      'Checks a signed approval again now: the text of the approved version (with its images as they are in the data folder) against the signature, and the certificate against the trusted authorities and CRLs at the time of signing.',
    input: z.strictObject({ recordId: id }),
    output: z.object({ valid: z.boolean(), message: z.string(), messageEn: z.string() }),
    errors: ['AUTH_REQUIRED', 'NOT_FOUND'],
  }),
  'signing.config': channel({
    summary: 'The PKCS#11 module path and the trusted certificate authorities and CRLs (admin only).',
    input: z.strictObject({}),
    output: z.object({ pkcs11Module: z.string(), trust: z.array(trustEntrySchema) }),
    errors: ['AUTH_REQUIRED', 'FORBIDDEN'],
  }),
  'signing.setModule': channel({
    summary: "Sets the path of the token vendor's PKCS#11 library (.dll/.so/.dylib) (admin only); empty to clear it.",
    input: z.strictObject({ path: z.string().trim().max(1000) }),
    output: z.object({ pkcs11Module: z.string() }),
    errors: ['AUTH_REQUIRED', 'FORBIDDEN'],
  }),
  'signing.addTrust': channel({
    summary:
      'Adds a trusted certificate authority (PEM or base64 DER certificate) or a CRL (PEM or base64 DER) (admin only). A file that does not parse is refused with VALIDATION.',
    input: z.strictObject({
      kind: z.enum(['ca', 'crl']),
      name: z.string().trim().min(1).max(200),
      data: z.string().min(1).max(5_000_000),
    }),
    output: trustEntrySchema,
    errors: ['AUTH_REQUIRED', 'FORBIDDEN'],
  }),
  'signing.removeTrust': channel({
    summary: 'Removes a trusted authority or CRL (admin only).',
    input: z.strictObject({ id }),
    output: z.object({ removed: z.boolean() }),
    errors: ['AUTH_REQUIRED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'signing.importPkcs12': channel({
    summary:
      "Imports the signed-in approver's PKCS#12 file (.p12/.pfx, base64) once: its key is kept sealed (Electron: the OS keychain through safeStorage; browser mode: in the database, unsealed). A wrong password or a file that is not PKCS#12 answers SIGNING_FAILED; a certificate the trust settings refuse answers SIGNATURE_REJECTED.",
    input: z.strictObject({ fileBase64: z.string().min(1).max(5_000_000), password: z.string().max(200) }),
    output: keyInfoSchema,
    errors: ['AUTH_REQUIRED', 'FORBIDDEN', 'SIGNING_FAILED', 'SIGNATURE_REJECTED'],
  }),
  'signing.myKey': channel({
    summary: "The certificate of the signed-in user's imported PKCS#12 key, or null.",
    input: z.strictObject({}),
    output: keyInfoSchema.nullable(),
    errors: ['AUTH_REQUIRED'],
  }),
} as const;
