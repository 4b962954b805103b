import { expect, test, type Page } from '@playwright/test';
import { AtlasDriver } from './atlas-driver';

const totals = (page: Page) => page.evaluate(async () => window.atlas?.coverage());
const nodeIds = (page: Page) =>
  page.evaluate(async () => ((await window.atlas?.nodes()) ?? []).map((node) => node.id));

test.describe('two tabs on the same saved work', () => {
  test('an edit in one tab reaches the other, and edits made there build on it: nothing is lost', async ({
    context,
  }) => {
    const first = await context.newPage();
    await new AtlasDriver(first).open();
    await totals(first);
    const second = await context.newPage();
    await new AtlasDriver(second).open();
    await totals(second);

    const firstNode = await first.evaluate(async () =>
      window.atlas?.addNode({ lon: 106.9, lat: 29.3, tier: 3 }),
    );
    // The second tab, with no edits of its own, is told and shows the first tab's version.
    await expect
      .poll(async () => second.locator('.scenario-bar [role="alert"]').textContent(), {
        timeout: 20_000,
      })
      .toMatch(/另一个标签页|another tab/);
    await expect.poll(async () => nodeIds(second)).toContain(firstNode);

    // An edit there builds on it, and the first tab follows in turn.
    const secondNode = await second.evaluate(async () =>
      window.atlas?.addNode({ lon: 108.0, lat: 30.3, tier: 3 }),
    );
    await expect.poll(async () => nodeIds(first), { timeout: 20_000 }).toContain(secondNode);
    expect(await nodeIds(first)).toContain(firstNode);
    const [a, b] = [await totals(first), await totals(second)];
    expect(a?.covered).toBe(b?.covered);

    // After a reload, the saved scenario holds both edits; no copy was needed.
    await first.reload();
    await first.waitForFunction(() => window.atlas !== undefined);
    await totals(first);
    expect(await nodeIds(first)).toEqual(expect.arrayContaining([firstNode, secondNode]));
    expect((await first.evaluate(async () => window.atlas?.scenarios()))?.length).toBe(1);
  });
});
