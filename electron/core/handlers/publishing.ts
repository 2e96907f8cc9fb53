import { z } from 'zod';
import { ContractError } from '../../../shared/contract/errors';
import { OPEN_JOB_STATES, targetConfigSchemas } from '../../../shared/contract/publishing';
import { validationError } from '../../../shared/contract/validation';
import { enqueuePublished, enqueueRebuild } from '../publish/enqueue';
import type { SecretBox } from '../publish/secrets';
import { openSecret } from '../publish/secrets';
import { siteKeyFingerprint } from '../publish/site-manifest';
import { PublishFailure } from '../publish/target';
import { createTarget } from '../publish/targets';
import { getArticle } from '../store/articles';
import {
  countJobs,
  deleteTargetRow,
  getJob,
  hasOpenJobs,
  insertTarget,
  jobRow,
  listJobs,
  setJobOutcome,
  targetRow,
  targetRows,
  toTargetInfo,
  updateTargetRow,
  type TargetRow,
} from '../store/publishing';
import type { Db } from '../db/database';
import { statement } from '../db/statements';
import type { CoreServices, Handlers } from './types';

export interface PublishingDeps {
  dataDir: string;
  secrets: SecretBox;
  /** Tells the running queue that work was queued. */
  wake(): void;
}

function info(db: Db, row: TargetRow) {
  let serverSchedule = false;
  try {
    serverSchedule = createTarget(row.kind, JSON.parse(row.config), row.name).serverSchedule;
  } catch {
    // Settings that no longer parse: shown as they are; a job on it fails with the reason.
  }
  return toTargetInfo(row, serverSchedule, row.kind === 'static-site' ? siteKeyFingerprint(db, row.id) : null);
}

function jobNotMovable(id: number, vi: string, en: string): ContractError {
  return new ContractError('INVALID_TRANSITION', `Lệnh xuất bản #${id} ${vi}`, `Publishing job #${id} ${en}`);
}

export function publishingHandlers(
  services: CoreServices,
  deps: PublishingDeps,
): Handlers<'targets.'> & Handlers<'publish.'> {
  const { db } = services;
  const seal = (secret: string) => ({ sealed: deps.secrets.seal(secret), scheme: deps.secrets.scheme });

  return {
    'targets.list': () => targetRows(db).map((row) => info(db, row)),

    'targets.create': (input, actor) => {
      const now = services.now().toISOString();
      const { id, queued } = db
        .transaction(() => {
          const id = insertTarget(
            db,
            {
              kind: input.kind,
              name: input.name,
              config: input.config,
              enabled: input.enabled ?? true,
              secret: input.secret ? seal(input.secret) : null,
            },
            now,
          );
          const queued =
            input.publishExisting && (input.enabled ?? true) ? enqueuePublished(db, id, actor?.id ?? null, now) : 0;
          services.audit({
            actor,
            action: 'target.create',
            target: { type: 'target', id },
            details: { name: input.name, kind: input.kind, config: input.config, queued },
          });
          return { id, queued };
        })
        .immediate();
      if (queued > 0) deps.wake();
      return info(db, targetRow(db, id));
    },

    'targets.update': ({ id, name, enabled, config, secret }, actor) => {
      const row = targetRow(db, id);
      let parsedConfig: unknown;
      if (config !== undefined) {
        // Wrapped so that an issue names its field as the caller sent it: config.folder.
        const parsed = z
          .strictObject({ config: targetConfigSchemas[row.kind] })
          .safeParse({ config }, { reportInput: true });
        if (!parsed.success) throw validationError(parsed.error);
        parsedConfig = parsed.data.config;
      }
      const changed = [
        name !== undefined && 'name',
        enabled !== undefined && 'enabled',
        config !== undefined && 'config',
        secret !== undefined && 'secret',
      ].filter(Boolean);
      db.transaction(() => {
        updateTargetRow(
          db,
          id,
          {
            ...(name !== undefined ? { name } : {}),
            ...(enabled !== undefined ? { enabled } : {}),
            ...(parsedConfig !== undefined ? { config: parsedConfig } : {}),
            ...(secret !== undefined ? { secret: secret === null ? null : seal(secret) } : {}),
          },
          services.now().toISOString(),
        );
        services.audit({
          actor,
          action: 'target.update',
          target: { type: 'target', id },
          details: { name: name ?? row.name, changed },
        });
      }).immediate();
      // New settings or a new secret: a pull that failed for good (refused credentials) may work now, and the jobs
      // waiting to ask the target what it holds ask it now.
      statement(
        db,
        "UPDATE publish_jobs SET state = 'pending', run_at = ?, attempts = 0 WHERE target_id = ? AND kind = 'pull' AND state = 'failed'",
      ).run(services.now().toISOString(), id);
      statement(db, "UPDATE publish_jobs SET run_at = ? WHERE target_id = ? AND state = 'uncertain'").run(
        services.now().toISOString(),
        id,
      );
      deps.wake();
      return info(db, targetRow(db, id));
    },

    'targets.delete': ({ id }, actor) => {
      const row = targetRow(db, id);
      const running = statement(db, "SELECT 1 FROM publish_jobs WHERE target_id = ? AND state = 'running' LIMIT 1").get(
        id,
      );
      if (running) {
        throw new ContractError(
          'CONFLICT',
          `Đích "${row.name}" đang có lệnh xuất bản chạy; hãy đợi lệnh xong (hoặc tắt đích) rồi xóa.`,
          `Target "${row.name}" has a publishing job running; wait for it to finish (or disable the target), then remove it.`,
        );
      }
      db.transaction(() => {
        deleteTargetRow(db, id);
        services.audit({
          actor,
          action: 'target.delete',
          target: { type: 'target', id },
          details: { name: row.name, hadOpenJobs: hasOpenJobs(db, id) },
        });
      }).immediate();
      return { id };
    },

    'targets.check': async ({ id }) => {
      const row = targetRow(db, id);
      try {
        const target = createTarget(row.kind, JSON.parse(row.config), row.name);
        await target.check({
          db,
          dataDir: deps.dataDir,
          now: services.now,
          signal: AbortSignal.timeout(30_000),
          progress: () => undefined,
          secret: openSecret(deps.secrets, row.secret, row.secret_scheme, row.name),
        });
        return {
          ok: true,
          message: `Đích "${row.name}" sẵn sàng nhận bài.`,
          messageEn: `Target "${row.name}" is ready to take articles.`,
        };
      } catch (error) {
        if (error instanceof PublishFailure || error instanceof ContractError)
          return { ok: false, message: error.message, messageEn: error.messageEn };
        throw error;
      }
    },

    'targets.rebuild': ({ id }, actor) => {
      const now = services.now().toISOString();
      const jobId = db
        .transaction(() => {
          const row = targetRow(db, id);
          const job = enqueueRebuild(db, id, actor?.id ?? null, now);
          services.audit({
            actor,
            action: 'target.rebuild',
            target: { type: 'target', id },
            details: { name: row.name, job },
          });
          return job;
        })
        .immediate();
      deps.wake();
      return getJob(db, jobId);
    },

    'publish.jobs': ({ articleId, states, limit, beforeId }) => ({
      jobs: listJobs(db, {
        ...(articleId !== undefined ? { articleId } : {}),
        ...(states ? { states } : {}),
        limit: limit ?? 100,
        ...(beforeId !== undefined ? { beforeId } : {}),
      }),
      counts: countJobs(db, articleId),
    }),

    'publish.retry': ({ id }, actor) => {
      db.transaction(() => {
        const job = jobRow(db, id);
        const now = services.now().toISOString();
        if (job.state === 'uncertain') {
          // Now, not from the start: it still asks the target what it holds before sending anything again.
          setJobOutcome(db, id, { state: 'uncertain', runAt: now }, now);
          services.audit({
            actor,
            action: 'publish.retry',
            ...(job.article_id !== null ? { target: { type: 'article', id: job.article_id } } : {}),
            details: { job: id, uncertain: true },
          });
          return;
        }
        if (job.state !== 'failed' && job.state !== 'cancelled')
          throw jobNotMovable(
            id,
            'chưa kết thúc nên không cần thử lại.',
            'has not ended, so there is nothing to retry.',
          );
        if (job.article_id !== null && job.kind === 'unpublish') {
          // Taking down what has since been published again is not a retry either.
          const current = getArticle(db, job.article_id);
          if (current.status === 'published' || current.status === 'scheduled') {
            throw jobNotMovable(
              id,
              'không thể chạy lại: bài đã được đăng lại sau lệnh gỡ này.',
              'cannot run again: the article was published again after this take-down.',
            );
          }
        }
        if (job.article_id !== null && job.kind !== 'unpublish') {
          // Republishing what was taken down, or an older version over a newer one, is not a retry.
          const current = getArticle(db, job.article_id);
          if (current.status !== 'published' && current.status !== 'scheduled') {
            throw jobNotMovable(
              id,
              `không thể chạy lại: bài đang ở trạng thái khác "đã đăng".`,
              'cannot run again: the article is no longer published.',
            );
          }
          const newer = statement(
            db,
            'SELECT 1 FROM publish_jobs WHERE target_id = ? AND article_id = ? AND id > ? LIMIT 1',
          ).get(job.target_id, job.article_id, id);
          if (newer)
            throw jobNotMovable(
              id,
              'đã có lệnh mới hơn cho bài này trên đích này.',
              'has been replaced by a newer job for this article on this target.',
            );
        }
        setJobOutcome(db, id, { state: 'pending', runAt: now, attempts: 0, error: null, notice: null }, now);
        services.audit({
          actor,
          action: 'publish.retry',
          ...(job.article_id !== null ? { target: { type: 'article', id: job.article_id } } : {}),
          details: { job: id },
        });
      }).immediate();
      deps.wake();
      return getJob(db, id);
    },

    'publish.cancel': ({ id }, actor) => {
      db.transaction(() => {
        const job = jobRow(db, id);
        if (job.kind === 'pull') {
          throw jobNotMovable(
            id,
            'là việc nhận thay đổi định kỳ của đích; muốn dừng, hãy tắt cộng tác hoặc tắt đích trong Cài đặt.',
            "is the target's recurring fetch of changes; to stop it, turn collaboration or the target off in Settings.",
          );
        }
        if (job.state === 'running')
          throw jobNotMovable(
            id,
            'đang chạy nên không hủy được; hãy đợi nó xong.',
            'is running and cannot be cancelled; wait for it to finish.',
          );
        if (job.kind === 'unpublish' && OPEN_JOB_STATES.includes(job.state))
          throw jobNotMovable(
            id,
            'là lệnh gỡ bài: hủy sẽ để bài còn trên đích dù bài đã gỡ. Muốn bài trở lại, hãy đăng lại bài.',
            'takes the article down: cancelling it would leave the article on the target though it is unpublished. To have it back, publish the article again.',
          );
        if (job.state === 'uncertain')
          throw jobNotMovable(
            id,
            'có thể đã tới đích (chưa rõ kết quả) nên không hủy được: hủy không gỡ được những gì đã đăng. Lệnh sẽ hỏi đích rồi kết thúc; muốn bài không còn trên đích, hãy gỡ bài.',
            'may have reached the target (its outcome is unknown), so it cannot be cancelled: cancelling would not take back what was published. It will ask the target and end; to have the article off the target, unpublish it.',
          );
        if (!OPEN_JOB_STATES.includes(job.state)) throw jobNotMovable(id, 'đã kết thúc.', 'has already ended.');
        const now = services.now().toISOString();
        const by = actor?.displayName ?? actor?.username ?? '';
        setJobOutcome(
          db,
          id,
          {
            state: 'cancelled',
            finished: true,
            notice: { message: `Đã hủy bởi ${by}.`, messageEn: `Cancelled by ${by}.` },
          },
          now,
        );
        services.audit({
          actor,
          action: 'publish.cancel',
          ...(job.article_id !== null ? { target: { type: 'article', id: job.article_id } } : {}),
          details: { job: id },
        });
      }).immediate();
      return getJob(db, id);
    },
  };
}
