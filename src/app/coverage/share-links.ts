import { readLayerIds, scenarioToFile } from '../../core/scenario/scenario-file';
import { MAX_SHARE_URL_LENGTH, SHARE_FILE_NAME } from '../../core/share/share-limits';
import type { ShareLinkOutcome } from '../../core/share/share-link';
import type { ShareOffer } from '../../state/coverage-slice';
import { translate } from '../../i18n/i18n';
import { downloadText } from '../../browser/download';
import { removeShareParam, shareUrlFor } from '../url-sync';
import type { CoverageContext } from './coverage-context';
import { applyViewAndLayers } from './scenario-files';
import type { Scenarios } from './scenarios';

/** Share links: the open scenario, its rule, the visible layers and the view in one address. */
export class ShareLinks {
  /** Resolves the question on screen (see {@link ask}), or null when none is asked. */
  private answer: ((open: boolean) => void) | null = null;

  /**
   * `persistent`: this atlas keeps saved work (the planner's own page), so a share link is opened
   * only once the planner agrees; otherwise (embedded, public) it is shown without being saved.
   */
  constructor(
    private readonly context: CoverageContext,
    private readonly scenarios: Scenarios,
    private readonly persistent = true,
  ) {}

  /** Asks "Open the shared scenario?" in the store's dialog; resolves with the answer. */
  private ask(offer: ShareOffer): Promise<boolean> {
    this.answer?.(false);
    return new Promise<boolean>((resolve) => {
      this.answer = resolve;
      this.context.store.getState().setShareOffer(offer);
    });
  }

  /** The planner's answer to "Open the shared scenario?" (the dialog's buttons). */
  answerShareOffer(open: boolean): void {
    const answer = this.answer;
    this.answer = null;
    this.context.store.getState().setShareOffer(null);
    answer?.(open);
  }

  /**
   * A link reproducing the open scenario, its rule, the visible layers and the map view; when
   * it would be longer than {@link MAX_SHARE_URL_LENGTH}, a share file is downloaded instead.
   */
  createShareLink(): Promise<ShareLinkOutcome> {
    return this.context.enqueue(async () => {
      await this.context.start();
      const scenario = this.context.store.getState().scenario;
      if (scenario === null) throw new Error('No scenario is open.');
      const { map } = this.context.map();
      const center = map.getCenter().wrap();
      const view = {
        lon: center.lng,
        lat: center.lat,
        zoom: Math.min(24, Math.max(0, map.getZoom())),
      };
      const layers = [...this.context.store.getState().visibleLayers].filter(
        (id) => readLayerIds([id]) !== null,
      );
      // The codec (and its deflate library) loads only when a link is made or opened.
      const { encodeShareState } = await import('../../core/share/share-link');
      const encoded = encodeShareState({
        view,
        layers,
        rule: scenario.rule,
        scenario: { name: scenario.name, nodes: scenario.nodes },
      });
      const url = shareUrlFor(encoded);
      if (url.length <= MAX_SHARE_URL_LENGTH) return { kind: 'link', url };
      downloadText(SHARE_FILE_NAME, scenarioToFile(scenario, { view, layers }), 'application/json');
      return { kind: 'file', fileName: SHARE_FILE_NAME, urlLength: url.length };
    });
  }

  /**
   * Opens the state of a share link (the `s` parameter): its layers and view, and its scenario
   * and rule as a NEW scenario "<name> (shared)", so the totals equal the sender's. In the
   * planner's atlas it first asks "Open the shared scenario?" (outside the command queue, so
   * readers do not wait for the answer); declined, nothing changes. An atlas without saved work
   * (embedded, public) shows it without asking and without saving. The parameter is then removed
   * from the address so a reload does not import it again.
   */
  async openShareLink(param: string): Promise<void> {
    const { decodeShareState } = await import('../../core/share/share-link');
    const decoded = decodeShareState(param);
    // Started either way, so the panel (and a refusal in it) is shown.
    await this.context.start();
    if (!decoded.ok) {
      removeShareParam();
      const lang = this.context.store.getState().lang;
      throw new Error(
        translate(lang, 'share.openFailed', {
          problem: lang === 'zh' ? decoded.problem_zh : decoded.problem,
        }),
      );
    }
    if (this.persistent) {
      // Saved work changes only when the planner says so: a link opened by another page (an
      // invisible frame, a crafted address) must not add a scenario or make it current.
      const current = this.context.store.getState().scenario;
      const open = await this.ask({
        name: decoded.state.scenario?.name ?? current?.name ?? '',
        nodes: decoded.state.scenario?.nodes.length ?? current?.nodes.length ?? 0,
        urbanRadius: decoded.state.rule.urbanRadius,
        ruralRadius: decoded.state.rule.ruralRadius,
      });
      if (!open) {
        removeShareParam();
        const lang = this.context.store.getState().lang;
        this.context.store.getState().setStorageMessage(translate(lang, 'share.declined'));
        return;
      }
    }
    const lang = this.context.store.getState().lang;
    await this.context.enqueue(async () => {
      const { state } = decoded;
      const current = this.context.store.getState().scenario;
      if (current === null) throw new Error('No scenario is open.');
      applyViewAndLayers(this.context, state);
      const adopted = await this.scenarios.adopt(
        {
          ...current,
          rule: state.rule,
          nodes: state.scenario?.nodes ?? current.nodes,
        },
        `${state.scenario?.name ?? current.name} ${translate(lang, 'share.sharedSuffix')}`,
      );
      removeShareParam();
      this.context.store
        .getState()
        .setStorageMessage(translate(lang, 'share.opened', { name: adopted.name }));
    });
  }
}
