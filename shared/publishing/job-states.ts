import { ContractError } from '../contract/errors';
import type { JobState } from '../contract/publishing';

/**
 * The one table of a publishing job's states (docs/publishing.md draws it). The store checks every change of state
 * against it; the queue and the handlers only ever ask for changes it lists.
 *
 *   pending ──claim──→ running ──done──→ succeeded
 *   retrying ─claim─→ running ──failed, not sent (offline, refused, 429/503 before any effect)──→ retrying | failed
 *   uncertain ─claim→ running ──may have reached the target (timeout, reset, lost or bad answer, stop, crash)──→ uncertain
 *   running ──reconciled: a newer job takes over──→ cancelled;  pending | retrying ──cancel, superseded──→ cancelled
 *   failed | cancelled ──Thử lại──→ pending;  running ──a claim given back──→ what it was;  pull: running → pending
 *   pending | retrying ──the target is offline──→ retrying (waiting with the target's other jobs; uncertain stays so)
 *
 * `uncertain` is never cancelled, superseded or counted out: it stays until an attempt has asked the target what it
 * holds (reconciled), so nothing that follows it acts as if its request had not arrived.
 */
export const JOB_TRANSITIONS: Readonly<Record<JobState, readonly JobState[]>> = {
  pending: ['running', 'retrying', 'cancelled'],
  retrying: ['running', 'retrying', 'cancelled'],
  uncertain: ['running', 'uncertain'],
  running: ['succeeded', 'retrying', 'uncertain', 'failed', 'cancelled', 'pending'],
  succeeded: [],
  failed: ['pending'],
  cancelled: ['pending'],
};

/** The states a job may be in to move to `to`. */
export function statesBefore(to: JobState): JobState[] {
  return (Object.keys(JOB_TRANSITIONS) as JobState[]).filter((from) => JOB_TRANSITIONS[from].includes(to));
}

export function mayMove(from: JobState, to: JobState): boolean {
  return JOB_TRANSITIONS[from].includes(to);
}

/** INVALID_TRANSITION for a change the table does not list (a bug in the caller, or a race lost). */
export function jobTransitionError(id: number, from: JobState, to: JobState): ContractError {
  return new ContractError(
    'INVALID_TRANSITION',
    `Lệnh xuất bản #${id} không thể chuyển từ trạng thái “${from}” sang “${to}”.`,
    `Publishing job #${id} cannot move from state “${from}” to “${to}”.`,
  );
}
