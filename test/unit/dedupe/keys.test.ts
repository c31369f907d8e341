import { describe, expect, it } from 'vitest';
import { exactKeys, titleKeyText } from '../../../src/pipeline/dedupe/index.js';
import { item } from './fixtures.js';

const at = '2026-03-02T10:00:00Z';

describe('exactKeys', () => {
  it('keys the canonical link, the guid per source and the title, each prefixed by kind', () => {
    const keys = exactKeys(
      item({ title: 'Orbitline hires a robotics lead from Kestrel Labs', link: 'https://a.example/x', guid: 'abc-1', source: 'wire', published: at }),
    );
    expect(keys.map((k) => k.split(':')[0]).sort()).toEqual(['guid', 'title', 'url']);
    expect(keys.find((k) => k.startsWith('guid:'))).toMatch(/^guid:wire:[0-9a-z]+$/);
    expect(keys.every((k) => k.length < 40)).toBe(true);
  });

  it('gives the same link the same key and different links different keys', () => {
    const a = exactKeys(item({ title: 'one', link: 'https://a.example/x', published: at }));
    const b = exactKeys(item({ title: 'two', link: 'https://a.example/x', published: at }));
    const c = exactKeys(item({ title: 'three', link: 'https://a.example/y', published: at }));
    expect(a[0]).toBe(b[0]);
    expect(a[0]).not.toBe(c[0]);
  });

  it('scopes guids to their source', () => {
    const a = exactKeys(item({ title: 'x', guid: '123', source: 's1', link: '', published: at }));
    const b = exactKeys(item({ title: 'y', guid: '123', source: 's2', link: '', published: at }));
    expect(a).not.toEqual(b);
  });

  it('folds case, punctuation, whitespace, full width and traditional characters in titles', () => {
    const key = (t: string) => exactKeys(item({ title: t, link: '', published: at })).find((k) => k.startsWith('title:'));
    expect(key('Orbitline hires a robotics lead — from Kestrel Labs!')).toBe(key('orbitline HIRES a robotics lead from   Kestrel Labs'));
    expect(key('Ｏｒｂｉｔｌｉｎｅ hires a robotics lead from Kestrel Labs')).toBe(key('Orbitline hires a robotics lead from Kestrel Labs'));
    expect(key('騰訊開發團隊獲聘新負責人，擴大數據業務')).toBe(key('腾讯开发团队获聘新负责人，扩大数据业务'));
    expect(key('Orbitline hires a robotics lead from Kestrel Labs')).not.toBe(key('Orbitline hires a vision lead from Kestrel Labs'));
  });

  it('skips short and generic titles so column names do not collide', () => {
    expect(titleKeyText('Daily briefing')).toBeNull();
    expect(titleKeyText('Morning roundup: Nov 12, 2026')).toBeNull();
    expect(titleKeyText('AI news')).toBeNull();
    expect(titleKeyText('科技早报')).toBeNull();
    expect(titleKeyText('Orbitline hires a robotics lead from Kestrel Labs')).not.toBeNull();
    expect(titleKeyText('星桥科技挖来鹰隼实验室机器人负责人')).not.toBeNull();
    expect(exactKeys(item({ title: 'Daily briefing', link: 'https://x.example/1', published: at })).some((k) => k.startsWith('title:'))).toBe(false);
  });
});
