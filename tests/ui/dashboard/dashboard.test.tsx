import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Dashboard } from '../../../src/ui/dashboard/dashboard';
import { IndicatorChart } from '../../../src/ui/dashboard/indicator-chart';
import { renderWithStore } from '../render';

describe('Dashboard', () => {
  it('shows the target cards computed from the loaded data', async () => {
    renderWithStore(<Dashboard />);
    const placed = (id: string) =>
      document
        .querySelector(`[data-card="${id}"] [data-testid="card-placed"]`)
        ?.getAttribute('data-placed');
    const evidenced = (id: string) =>
      document.querySelector(`[data-card="${id}"] [data-testid="card-evidenced-count"]`)
        ?.textContent;
    expect(placed('cold-chain-tier-1')).toBe('5');
    expect(placed('cold-chain-tier-2')).toBe('20');
    expect(placed('bonded-zones-existing')).toBe('6');
    expect(placed('bonded-zones-proposed')).toBe('2');
    // Placements are not progress: the schematic tier-1 nodes fill no bar.
    expect(evidenced('cold-chain-tier-1')).toBe('0');
    const bar = document.querySelector<HTMLElement>(
      '[data-card="cold-chain-tier-1"] .progress-bar',
    );
    expect(bar?.style.width).toBe('0%');
    expect(document.querySelectorAll('.district-list li')).toHaveLength(29);
    expect(screen.getByTestId('coverage-pending')).toBeInTheDocument();
    expect(
      await screen.findByText(/indicators|指标/, {
        selector: '[data-testid="indicators-missing"], h3',
      }),
    ).toBeInTheDocument();
  });
});

describe('IndicatorChart', () => {
  it('marks a five-year total and writes both values with units', () => {
    renderWithStore(
      <IndicatorChart
        indicator={{
          groupZh: '开放型经济',
          number: 3,
          nameZh: '实际利用外资',
          nameEn: 'Actually utilised foreign capital',
          unit: '亿美元',
          unitEn: '100 million US dollars',
          value2020: 102.7,
          target2025: 500,
          targetIsMinimum: true,
          cumulative: true,
          attributeZh: '预期性',
        }}
      />,
    );
    expect(screen.getByTestId('cumulative-badge')).toHaveTextContent('五年累计');
    const chart = screen.getByRole('img');
    expect(chart.getAttribute('aria-label')).toContain('102.7 亿美元');
    expect(chart.getAttribute('aria-label')).toContain('>500 亿美元');
    expect(chart.getAttribute('aria-label')).toContain('累计');
  });
});
