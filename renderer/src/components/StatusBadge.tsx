import type { ArticleStatus } from '../../../shared/contract/articles';
import { useI18n } from '../i18n/i18n';

export function StatusBadge({ status }: { status: ArticleStatus }) {
  const { status: label } = useI18n();
  return <span className={`badge badge-${status}`}>{label(status)}</span>;
}
