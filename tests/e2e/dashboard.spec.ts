import { expect, test } from '@playwright/test';
import { AtlasDriver } from './atlas-driver';

test.describe('plan dashboard', () => {
  test('shows the plan-target cards computed from the data and the indicators', async ({
    page,
  }, testInfo) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.getByRole('button', { name: '规划看板' }).click();
    const dashboard = page.getByTestId('dashboard');
    await expect(dashboard).toBeVisible();
    const placed = (id: string) =>
      dashboard.locator(`[data-card="${id}"] [data-testid="card-placed"]`);
    await expect(placed('cold-chain-tier-1')).toHaveAttribute('data-placed', '5');
    await expect(placed('cold-chain-tier-1')).toContainText('本图标出 5 / 5');
    await expect(placed('cold-chain-tier-2')).toHaveAttribute('data-placed', '20');
    await expect(placed('bonded-zones-existing')).toHaveAttribute('data-placed', '6');
    await expect(placed('bonded-zones-proposed')).toHaveAttribute('data-placed', '2');
    // A placement is not progress: the bar counts only surveyed or sourced positions.
    await expect(
      dashboard.locator('[data-card="cold-chain-tier-1"] [data-testid="card-evidenced-count"]'),
    ).toHaveText('0');
    await expect(dashboard.locator('[data-card="backbone-business-districts"]')).toContainText(
      '/ 29',
    );
    await page.screenshot({ path: testInfo.outputPath('dashboard.png') });
    await page.screenshot({ path: 'test-results/dashboard.png' });
    await dashboard.getByText('哪些区县已有').click();
    await expect(dashboard.locator('.district-list li')).toHaveCount(29);
    await expect(dashboard.getByTestId('coverage-pending')).toBeVisible();
    // 专栏1: charts when geodata/indicators.json is in the build, otherwise a sentence saying so.
    await expect(
      dashboard.locator('.indicator').first().or(dashboard.getByTestId('indicators-missing')),
    ).toBeVisible();
    if ((await dashboard.locator('.indicator').count()) > 0) {
      await expect(dashboard.locator('.indicator')).toHaveCount(12);
      await expect(dashboard.getByTestId('cumulative-badge')).toHaveCount(2);
      await expect(dashboard.locator('.indicator svg[role="img"]').first()).toHaveAttribute(
        'aria-label',
        /2020年/,
      );
    }
    await dashboard.locator('#dashboard-indicators').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/dashboard-indicators.png' });
  });
});

test.describe('plan text and the map', () => {
  test('a name in the plan text flies to its feature, and the feature links back to its sentence', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open('./?layers=districts');
    await page.getByRole('button', { name: '规划原文' }).click();
    const text = page.getByTestId('plan-text');
    await expect(text).toContainText('渝府办发〔2021〕126号');
    const mention = text.locator('.mention[data-feature-ids="bd-core-guanyinqiao"]').first();
    await mention.click();
    await expect(page.locator('.feature-panel')).toHaveAttribute(
      'data-feature-id',
      'bd-core-guanyinqiao',
    );
    // Its layer was off; choosing it from the text switched it on.
    expect(await atlas.visibleLayerIds()).toContain('business-districts');
    await page.waitForFunction(() => window.atlas?.map.isMoving() === false);
    await atlas.waitForMapIdle();
    expect(await page.evaluate(() => window.atlas?.map.getZoom() ?? 0)).toBeGreaterThanOrEqual(11);

    await page.locator('.feature-panel .plan-text-link').click();
    // The passage holding the feature's quote is highlighted; the sentence naming it has focus.
    await expect(text.locator('.sentence-highlight').first()).toBeVisible();
    const focused = text.locator('.sentence-highlight:focus');
    await expect(focused).toHaveCount(1);
    await expect(focused).toContainText('观音桥');
    await expect(focused).toHaveAttribute('data-section', '专栏3');
    await expect(focused).toBeInViewport();
  });

  test('filtering by status removes the other statuses from the map but keeps the district frame', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    const before = await atlas.renderedCounts();
    expect(before['bonded-zones']).toBeGreaterThan(0);
    // Keep only “争取” (proposed): the two bonded zones the plan seeks.
    for (const status of ['existing', 'upgrade', 'new-planned', 'to-be-created']) {
      await page.locator(`[data-status="${status}"] input`).uncheck();
    }
    await atlas.waitForMapIdle();
    const after = await atlas.renderedCounts();
    expect(after['bonded-zones']).toBe(2);
    expect(after['cold-chain-nodes']).toBe(0);
    expect(after['districts']).toBe(before['districts']);
    await page.getByRole('button', { name: '显示全部状态' }).click();
    await atlas.waitForMapIdle();
    expect((await atlas.renderedCounts())['bonded-zones']).toBe(before['bonded-zones']);
  });
});
