import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { AtlasDriver } from './atlas-driver';

/** Opens the export dialog, picks the options, exports, and returns the downloaded file. */
async function exportMap(
  page: Page,
  options: {
    format: 'PNG' | 'PDF';
    paper: 'A4' | 'A3';
    dpi: '150' | '300';
    title?: string;
    notes?: string;
  },
): Promise<{ bytes: Buffer; name: string }> {
  await page.getByRole('button', { name: '导出地图' }).click();
  const dialog = page.getByTestId('export-dialog');
  if (options.title !== undefined) await dialog.getByTestId('export-title').fill(options.title);
  if (options.notes !== undefined) await dialog.getByTestId('export-notes').fill(options.notes);
  await dialog.getByLabel(options.format, { exact: true }).check();
  await dialog.getByLabel(`${options.paper} 横向`).check();
  await dialog.getByLabel(`${options.dpi} dpi`).check();
  const download = page.waitForEvent('download', { timeout: 90_000 });
  await dialog.getByRole('button', { name: '导出', exact: true }).click();
  const file = await download;
  await expect(dialog.getByTestId('export-status')).toHaveAttribute('data-status', 'done');
  const path = await file.path();
  return { bytes: readFileSync(path), name: file.suggestedFilename() };
}

/** Size of a PNG and the luminance spread inside a rectangle (fractions of the page), in the page. */
function inspectPng(
  page: Page,
  bytes: Buffer,
  region: { x: number; y: number; width: number; height: number },
) {
  return page.evaluate(
    async ({ base64, box }) => {
      const blob = await (await fetch(`data:image/png;base64,${base64}`)).blob();
      const bitmap = await createImageBitmap(blob);
      const canvas = document.createElement('canvas');
      canvas.width = 400;
      canvas.height = 300;
      const context = canvas.getContext('2d');
      if (context === null) throw new Error('no 2D canvas');
      context.drawImage(
        bitmap,
        box.x * bitmap.width,
        box.y * bitmap.height,
        box.width * bitmap.width,
        box.height * bitmap.height,
        0,
        0,
        400,
        300,
      );
      const { data } = context.getImageData(0, 0, 400, 300);
      let sum = 0;
      let sumSquares = 0;
      const n = data.length / 4;
      for (let i = 0; i < data.length; i += 4) {
        const y = 0.299 * (data[i] ?? 0) + 0.587 * (data[i + 1] ?? 0) + 0.114 * (data[i + 2] ?? 0);
        sum += y;
        sumSquares += y * y;
      }
      const mean = sum / n;
      return {
        width: bitmap.width,
        height: bitmap.height,
        spread: Math.sqrt(sumSquares / n - mean * mean),
        mean,
      };
    },
    { base64: bytes.toString('base64'), box: region },
  );
}

test.describe('map export', () => {
  test.setTimeout(180_000);

  test('PNG at A4, 150 dpi: the right size, and the map frame is not blank', async ({ page }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    const { bytes, name } = await exportMap(page, { format: 'PNG', paper: 'A4', dpi: '150' });
    expect(name).toMatch(/^cq-commerce-atlas-\d{4}-\d{2}-\d{2}-A4-150dpi\.png$/);
    // The map sits left of the legend, below the title, above the footer (export-layout.ts).
    const map = await inspectPng(page, bytes, { x: 0.05, y: 0.15, width: 0.6, height: 0.65 });
    expect(map.width).toBe(1754);
    expect(map.height).toBe(1240);
    expect(map.spread, 'the map area varies like a drawn map').toBeGreaterThan(15);
    const legend = await inspectPng(page, bytes, { x: 0.78, y: 0.13, width: 0.2, height: 0.3 });
    expect(legend.spread, 'the legend column holds text and symbols').toBeGreaterThan(10);
    const footer = await inspectPng(page, bytes, { x: 0.03, y: 0.9, width: 0.6, height: 0.07 });
    expect(footer.spread, 'the footer holds the sources').toBeGreaterThan(10);
    const { writeFileSync } = await import('node:fs');
    writeFileSync('test-results/export-A4-150dpi.png', bytes);
  });

  test('the planner’s own title and notes are printed, and the unreviewed base map is said', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    const title = { x: 0.03, y: 0.04, width: 0.6, height: 0.07 };
    const footer = { x: 0.03, y: 0.9, width: 0.94, height: 0.07 };
    const plain = await exportMap(page, { format: 'PNG', paper: 'A4', dpi: '150' });
    await page.getByTestId('export-dialog').getByRole('button', { name: '关闭' }).click();
    const own = await exportMap(page, {
      format: 'PNG',
      paper: 'A4',
      dpi: '150',
      title: '渝中区菜市场与生鲜超市分布（征求意见稿，仅供内部讨论）',
      notes: '网点名单：区商务委2026年11月台账（示例）\n第二条附注：位置按地址定位',
    });
    const { writeFileSync } = await import('node:fs');
    writeFileSync('test-results/export-own-title.png', own.bytes);
    const [plainTitle, ownTitle] = [
      await inspectPng(page, plain.bytes, title),
      await inspectPng(page, own.bytes, title),
    ];
    // The longer title puts more ink in the title band than the atlas's own short title.
    expect(ownTitle.mean, 'a different title is drawn').toBeLessThan(plainTitle.mean - 1);
    const [plainFooter, ownFooter] = [
      await inspectPng(page, plain.bytes, footer),
      await inspectPng(page, own.bytes, footer),
    ];
    expect(ownFooter.mean, 'the notes add text to the footer').not.toBe(plainFooter.mean);
  });

  test('PNG at A3, 300 dpi is drawn at full resolution', async ({ page }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open('./#map=10/29.57/106.55');
    const { bytes } = await exportMap(page, { format: 'PNG', paper: 'A3', dpi: '300' });
    const map = await inspectPng(page, bytes, { x: 0.05, y: 0.15, width: 0.6, height: 0.65 });
    expect(map.width).toBe(4961);
    expect(map.height).toBe(3508);
    expect(map.spread).toBeGreaterThan(15);
  });

  test('PDF at A4, 150 dpi: one page, the page image, and its text selectable and searchable', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    const { bytes, name } = await exportMap(page, {
      format: 'PDF',
      paper: 'A4',
      dpi: '150',
      title: '渝中区菜市场分布（征求意见稿）',
    });
    expect(name).toMatch(/A4-150dpi\.pdf$/);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    expect(pdf.numPages).toBe(1);
    const sheet = await pdf.getPage(1);
    // A4 landscape in points.
    expect(sheet.view.map((value) => Math.round(value))).toEqual([0, 0, 842, 595]);
    const text = (await sheet.getTextContent()).items
      .map((item) => ('str' in item ? item.str : ''))
      .join('');
    expect(text).toContain('渝中区菜市场分布（征求意见稿）');
    expect(text).toContain('图例');
    expect(text).toContain('底图未经审图');
    expect(text).toContain('渝府办发〔2021〕126号');
    const operators = await sheet.getOperatorList();
    const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    expect(operators.fnArray, 'the page is drawn as an image').toContain(OPS.paintImageXObject);
    expect(bytes.length).toBeGreaterThan(50_000);
  });

  test('PDF at A3: title, every legend layer and the deployment’s 审图号 are text in the file', async ({
    page,
  }) => {
    await page.route('**/atlas-config.local.json', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ offlineBaseMap: { approvalNumber: '渝S(2026)012号' } }),
      }),
    );
    const atlas = new AtlasDriver(page);
    await atlas.open();
    const legendTitles = await page
      .locator('.map-legend [data-legend-layer] h3')
      .evaluateAll((titles) => titles.map((title) => title.textContent));
    expect(legendTitles.length).toBeGreaterThan(3);
    const { bytes, name } = await exportMap(page, {
      format: 'PDF',
      paper: 'A3',
      dpi: '150',
      title: '重庆市商务空间布局（A3 试印）',
    });
    expect(name).toMatch(/A3-150dpi\.pdf$/);
    // Kept for a person to open (pdftotext / a PDF viewer), as the issue asks.
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/export-A3.pdf', bytes);
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    const sheet = await pdf.getPage(1);
    // A3 landscape in points.
    expect(sheet.view.map((value) => Math.round(value))).toEqual([0, 0, 1191, 842]);
    const text = (await sheet.getTextContent()).items
      .map((item) => ('str' in item ? item.str : ''))
      .join('');
    expect(text).toContain('重庆市商务空间布局（A3 试印）');
    expect(text).toContain('审图号：渝S(2026)012号');
    expect(text).not.toContain('底图未经审图');
    for (const title of legendTitles) expect(text).toContain(title);
  });
});
