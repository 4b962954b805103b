import { parseIndicators, type IndicatorsResult } from '../../core/dashboard/indicators';

/**
 * `geodata/indicators.json`, loaded only when the dashboard opens. The glob finds nothing in a
 * build made before the file exists, and the dashboard then says the indicators are not available.
 */
const files = import.meta.glob<unknown>('../../../geodata/indicators.json', { import: 'default' });

let loading: Promise<IndicatorsResult> | null = null;

export function loadIndicators(): Promise<IndicatorsResult> {
  loading ??= (async (): Promise<IndicatorsResult> => {
    const load = Object.values(files)[0];
    if (load === undefined) {
      return {
        ok: false,
        problems: [
          {
            where: 'geodata/indicators.json',
            message: 'This build has no indicators file; the 专栏1 indicators cannot be shown.',
          },
        ],
      };
    }
    return parseIndicators(await load());
  })();
  return loading;
}
