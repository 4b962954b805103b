import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { AtlasDriver } from './atlas-driver';

/**
 * Files built to be read only in part (issue 20): what was not read is said in the import panel,
 * in the interface's language. Files from the import corpus (tests/import-corpus).
 */
const corpus = (path: string): Buffer =>
  readFileSync(resolve(import.meta.dirname, '../import-corpus/files', path));

test.describe('hostile archives and JSON in the import panel', () => {
  test('a KMZ with two doc.kml and a GeoJSON with a repeated key each say what was not read', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    await page.locator('.import-section summary').first().click();
    await page.getByTestId('import-file-input').setInputFiles({
      name: 'twice-doc.kmz',
      mimeType: 'application/vnd.google-earth.kmz',
      buffer: corpus('validation/twice-doc.kmz'),
    });
    await expect(page.getByTestId('import-status')).toContainText('twice-doc.kmz');
    await expect(page.getByTestId('import-problems')).toContainText(
      '压缩包中名为 "doc.kml" 的条目应只有一个，实际有 2 个',
    );
    await page.getByTestId('import-file-input').setInputFiles({
      name: 'duplicate-keys.geojson',
      mimeType: 'application/geo+json',
      buffer: corpus('security/duplicate-keys.geojson.txt'),
    });
    await expect(page.getByTestId('import-status')).toContainText('duplicate-keys.geojson');
    await expect(page.getByTestId('import-problems')).toContainText(
      'JSON 对象中每个键最多出现一次，实际有 1 个重复的键（第一个为 "population"',
    );
    await page.locator('.import-section').screenshot({ path: 'test-results/hostile-files.png' });
  });
});
