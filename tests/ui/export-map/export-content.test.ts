import { describe, expect, it } from 'vitest';
import { exportContent } from '../../../src/ui/export-map/export-dialog';
import { loadedStore } from '../render';

describe('exportContent', () => {
  it('prints the visible layers, the sources, the date, and that the offline base is unreviewed', () => {
    const store = loadedStore();
    store.getState().setLegend([
      {
        layerId: 'bonded-zones',
        symbol: 'circle',
        entries: [{ value: 'bonded-zone', color: '#00695c', zh: '综合保税区', en: 'Bonded zone' }],
        showsUncertainty: true,
      },
    ]);
    const content = exportContent(store.getState(), new Date('2026-11-26T08:00:00Z'));
    expect(content.legend.map((item) => item.title)).toEqual(['综合保税区与保税物流中心']);
    expect(content.uncertaintyNote).not.toBeNull();
    expect(content.sources.join(' ')).toContain('渝府办发〔2021〕126号');
    expect(content.sources.join(' ')).toContain('Natural Earth');
    expect(content.dateLine).toContain('2026-11-26');
    expect(content.approvalLine).toBe('底图未经审图（无审图号），界线仅为示意');
    expect(content.notes.join('')).toContain('公开出版或发布前须送审');
    expect(content.title).toBe('重庆商务空间布局图');
  });

  it('prints the planner’s title and notes, and the offline base’s number once configured', () => {
    const store = loadedStore();
    store.getState().setOnlineBaseMaps([], '渝S(2026)012号');
    const content = exportContent(store.getState(), new Date(), {
      title: '  渝中区菜市场分布（征求意见稿） ',
      notes: '网点名单：区商务委台账\n\n  第二条 ',
    });
    expect(content.title).toBe('渝中区菜市场分布（征求意见稿）');
    expect(content.notes).toEqual(['网点名单：区商务委台账', '第二条']);
    expect(content.approvalLine).toBe('审图号：渝S(2026)012号');
  });

  it('prints the approval number and the GCJ-02 note for a base map that has them', () => {
    const store = loadedStore();
    store.getState().setOnlineBaseMaps([
      {
        id: 'test',
        title: { zh: '测试', en: 'Test' },
        layers: [['https://tiles.example/{z}/{x}/{y}.png']],
        tileSize: 256,
        maxzoom: 18,
        attribution: '© Test tiles',
        datum: 'gcj02',
        requiresApprovalNumber: true,
        approvalNumber: 'GS(2024)0650号',
        publicMap: true,
      },
    ]);
    store.getState().setBaseMap('test');
    const content = exportContent(store.getState(), new Date());
    expect(content.approvalLine).toBe('审图号：GS(2024)0650号');
    expect(content.sources).toContain('© Test tiles');
    expect(content.notes.join('')).toContain('GCJ-02');
  });
});
