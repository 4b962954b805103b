import { translate } from '../../i18n/i18n';
import { selectFeatureById } from '../../state/selectors';
import type { CoverageContext } from './coverage-context';

/** "Is this place covered?": for a click on the map, or a plan place selected during analysis. */
export class PlaceCheck {
  constructor(private readonly context: CoverageContext) {}

  /** Answers for the plan place selected (searched or clicked) while the analysis runs. */
  watchSelection(): () => void {
    return this.context.store.subscribe((next, previous) => {
      if (next.selectedId !== previous.selectedId) this.onSelection(next.selectedId);
    });
  }

  private onSelection(featureId: string | null): void {
    if (featureId === null || !this.context.running()) return;
    const feature = selectFeatureById(this.context.store.getState(), featureId);
    if (feature?.geometry.type !== 'Point') return;
    const [lon, lat] = feature.geometry.coordinates;
    if (lon === undefined || lat === undefined) return;
    this.explainPlace(lon, lat).catch((error: unknown) => {
      this.context.report(error);
    });
  }

  /**
   * "Is this place covered?" in one sentence, plus what the model says about the population cell
   * there (people, urban or rural, the radius that applied, nearest node, why it is uncovered).
   */
  async explainPlace(lon: number, lat: number): Promise<void> {
    const worker = this.context.worker();
    const [info, cell] = await Promise.all([worker.placeInfo(lon, lat), worker.cellAt(lon, lat)]);
    const lang = this.context.store.getState().lang;
    const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
    const kind = translate(lang, info.urban === false ? 'coverage.rural' : 'coverage.urban');
    const percent = (p: number) => (p * 100).toLocaleString(locale, { maximumFractionDigits: 0 });
    const placeKey = {
      sure: 'coverage.place.sure',
      depends: 'coverage.place.depends',
      none: 'coverage.place.notCovered',
    } as const;
    const sentences: string[] = [
      info.nearestName === null
        ? translate(lang, 'coverage.place.none')
        : translate(lang, placeKey[info.unitClass], {
            node: info.nearestName,
            distance: Math.round(info.distance ?? 0).toLocaleString(locale),
            kind,
            radius: info.radius.toLocaleString(locale),
            percent: percent(info.probability),
            uncertainty: Math.round(info.nearestUncertaintyM ?? 0).toLocaleString(locale),
          }),
    ];
    if (cell !== null) {
      sentences.push(
        `${translate(lang, 'coverage.cell.title')}: ${translate(lang, 'coverage.cell.summary', {
          population: cell.population.toLocaleString(locale),
          kind: translate(lang, cell.urban ? 'coverage.urban' : 'coverage.rural'),
          radius: cell.radius.toLocaleString(locale),
          node: cell.nearestName ?? '—',
          distance: cell.distance === null ? '—' : Math.round(cell.distance).toLocaleString(locale),
        })} ${translate(lang, 'coverage.cell.probability', {
          percent: percent(cell.probability),
          cls: translate(lang, `coverage.class.${cell.unitClass}`),
        })}`,
      );
    }
    const text = sentences.join('\n');
    this.context.store.getState().setPlaceMessage(text);
    this.context.map().coverage.showMessage(lon, lat, text);
  }
}
