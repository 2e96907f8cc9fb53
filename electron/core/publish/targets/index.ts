import { targetConfigSchemas, type TargetKind } from '../../../../shared/contract/publishing';
import type { PublishTarget, TargetFactory } from '../target';
import { PublishFailure } from '../target';
import { httpJsonTarget } from './http-json';
import { staticSiteTarget } from './static-site';
import { wordpressTarget } from './wordpress';

/** Every kind of target the queue can publish to: a new kind is one file beside this one and one line here. */
const FACTORIES: { [K in TargetKind]: TargetFactory<K> } = {
  'static-site': staticSiteTarget,
  'http-json': httpJsonTarget,
  wordpress: wordpressTarget,
};

/** The target of a stored row; settings that no longer parse (edited by hand, an older build) fail the job, plainly. */
export function createTarget(kind: TargetKind, config: unknown, name: string): PublishTarget {
  const parsed = targetConfigSchemas[kind].safeParse(config);
  if (!parsed.success) {
    throw new PublishFailure(
      'permanent',
      'TARGET_CONFIG',
      `Cấu hình của đích "${name}" không hợp lệ (${parsed.error.issues[0]?.path.join('.') ?? ''}); hãy sửa trong Cài đặt.`,
      `The settings of target "${name}" are not valid (${parsed.error.issues[0]?.path.join('.') ?? ''}); fix them in Settings.`,
    );
  }
  return (FACTORIES[kind] as TargetFactory<TargetKind>)(parsed.data);
}
