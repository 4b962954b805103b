import { useTranslate } from '../use-translate';

/**
 * “正在重新计算…” beside the control whose command is recomputing the figures (see
 * useRecompute); the one busy line of every such control.
 */
export function RecomputingNote({ testId }: { testId: string }) {
  const { t } = useTranslate();
  return (
    <p role="status" className="busy-indicator" data-testid={testId}>
      <span className="spinner" aria-hidden="true" />
      {t('coverage.recomputing')}
    </p>
  );
}
