import { expect } from 'vitest';
import { PublishFailure } from '../../electron/core/publish/target';

/** The PublishFailure a target's promise rejects with (a test failure if it resolves or throws anything else). */
export async function failureOf(promise: Promise<unknown>): Promise<PublishFailure> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PublishFailure);
    return error as PublishFailure;
  }
  throw new Error('expected a PublishFailure');
}

/** Said in Vietnamese and in English, naming the other end (host or site). */
export function expectExplained(failure: PublishFailure, host: string): void {
  expect(failure.message).toContain(host);
  expect(failure.messageEn).toContain(host);
  expect(failure.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
  expect(failure.messageEn).not.toBe(failure.message);
}
