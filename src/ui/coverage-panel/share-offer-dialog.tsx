import { formatNumber } from '../../i18n/i18n';
import { useAppStore } from '../../state/store-context';
import { ModalDialog } from '../embed/modal-dialog';
import { useTranslate } from '../use-translate';
import { useCoverageCommands } from './coverage-commands';

/**
 * "打开分享的方案？/ Open the shared scenario?": shown when a share link is opened in the planner's
 * atlas, before it is saved or made current. Escape or "Don't open" leaves saved work as it was.
 */
export function ShareOfferDialog() {
  const { lang, t } = useTranslate();
  const commands = useCoverageCommands();
  const offer = useAppStore((state) => state.shareOffer);
  if (offer === null) return null;
  const decline = () => {
    commands.answerShareOffer(false);
  };
  return (
    <ModalDialog title={t('share.offerTitle')} onClose={decline} testId="share-offer">
      <p>
        {t('share.offerText', {
          name: offer.name,
          nodes: formatNumber(lang, offer.nodes),
          urban: formatNumber(lang, offer.urbanRadius),
          rural: formatNumber(lang, offer.ruralRadius),
        })}
      </p>
      <div className="button-row">
        <button
          type="button"
          data-testid="share-offer-open"
          onClick={() => {
            commands.answerShareOffer(true);
          }}
        >
          {t('share.offerOpen')}
        </button>
        <button type="button" data-testid="share-offer-decline" onClick={decline}>
          {t('share.offerDecline')}
        </button>
      </div>
    </ModalDialog>
  );
}
