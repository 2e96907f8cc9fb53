import { expect } from 'vitest';
import type { Core } from '../../electron/core/core';
import { ok, type SignedInUser } from '../helpers';
import { makeTestCa, pkcs12Of, type Issued } from './test-ca';

/** What the tests of signed approvals through publication share: a signed chain set up, the queue run to rest. */

const P12_PASSWORD = 'mat-khau-p12';

/**
 * A CA made here and trusted, the leader's key from it imported as a PKCS#12 file, and a new category whose chain is
 * Biên tập viên → Lãnh đạo duyệt with the leader's step signed.
 */
export async function signedTwoStepChain(
  core: Core,
  leader: SignedInUser,
  category: { name: string; slug: string },
): Promise<{ categoryId: number; signer: Issued }> {
  const ca = await makeTestCa();
  const signer = await ca.issue(leader.user.displayName);
  await ok(core, 'signing.addTrust', { kind: 'ca', name: 'CA thử nghiệm', data: ca.certPem });
  await ok(
    core,
    'signing.importPkcs12',
    { fileBase64: pkcs12Of(signer, ca, P12_PASSWORD), password: P12_PASSWORD },
    leader.session,
  );
  const categoryId = (await ok(core, 'categories.create', category)).id;
  await ok(core, 'approval.setChain', {
    categoryId,
    steps: [
      { role: 'editor', userIds: [], signed: false },
      { role: 'leader', userIds: [], signed: true },
    ],
  });
  return { categoryId, signer };
}

/** Runs the queue until no job waits; every job must have succeeded. */
export async function runQueueToRest(core: Core): Promise<void> {
  for (let round = 0; round < 20; round++) {
    await core.queue?.runDue();
    const { counts } = await ok(core, 'publish.jobs', {});
    if (counts.pending + counts.retrying + counts.running + (counts.uncertain ?? 0) === 0) {
      expect(counts.failed).toBe(0);
      return;
    }
  }
  throw new Error('the queue did not come to rest');
}
