import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { canonicalCharset, decodeBody, prologEncoding } from '../../../src/sources/charset.js';

const xml = (enc: string | null, body: string) => `${enc ? `<?xml version="1.0" encoding="${enc}"?>` : ''}<rss><channel><title>${body}</title></channel></rss>`;

describe('decodeBody', () => {
  it.each([
    ['windows-1251', 'Новости дня'],
    ['koi8-r', 'Первая новость'],
    ['iso-8859-2', 'Zażółć gęślą jaźń'],
    ['windows-1252', 'Café € – naïve'],
    ['big5', '新年快樂，中國加入世界貿易組織'],
    ['gb2312', '人工智能研究员加入字节跳动'],
    ['gbk', '阿里巴巴与腾讯的超级应用'],
  ])('decodes a %s prolog', (enc, text) => {
    const out = decodeBody(iconv.encode(xml(enc, text), enc));
    expect(out.text).toContain(text);
    expect(out.via).toBe('prolog');
  });

  it('reads gb2312 as gb18030 (WHATWG) and strips the prolog encoding', () => {
    const out = decodeBody(iconv.encode(xml('GB2312', '中文'), 'gb18030'));
    expect(out.charset).toBe('gb18030');
    expect(out.text.startsWith('<?xml version="1.0"?>')).toBe(true);
  });

  it('prefers the header over the prolog', () => {
    const out = decodeBody(iconv.encode(xml('iso-8859-1', 'Привет'), 'windows-1251'), 'text/xml; charset="windows-1251"');
    expect(out.text).toContain('Привет');
    expect(out.via).toBe('header');
  });

  it('honours BOMs, including UTF-16 LE and BE', () => {
    for (const enc of ['utf-16le', 'utf-16be'] as const) {
      const bytes = iconv.encode(xml('utf-16', 'Grüße 你好'), enc, { addBOM: true });
      const out = decodeBody(bytes, 'text/xml; charset=iso-8859-1');
      expect(out.text).toContain('Grüße 你好');
      expect(out.charset).toBe(enc);
    }
    expect(decodeBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml(null, 'ok'))])).text.startsWith('<rss>')).toBe(true);
  });

  it('corrects a latin-1 declaration over UTF-8 bytes (prolog lie)', () => {
    const out = decodeBody(Buffer.from(xml('ISO-8859-1', '테스트 Café'), 'utf8'));
    expect(out.text).toContain('테스트 Café');
    expect(out.charset).toBe('utf-8');
  });

  it('sniffs when nothing is declared or the label is unknown', () => {
    expect(decodeBody(iconv.encode(xml(null, '不归移民漫画系列：专业工作'), 'gb18030')).text).toContain('不归移民漫画系列：专业工作');
    expect(decodeBody(iconv.encode(xml('invalid', 'Le café est très bon, à côté de la gare'), 'latin1')).text).toContain('très bon, à côté');
    expect(decodeBody(Buffer.from(xml(null, 'plain'))).via).toBe('default');
  });

  it('keeps a mostly valid UTF-8 body as UTF-8 despite a stray bad byte', () => {
    const bytes = Buffer.concat([Buffer.from(xml('utf-8', 'Ñandú 中文 ')), Buffer.from([0xff])]);
    expect(decodeBody(bytes).text).toContain('Ñandú 中文');
  });
});

describe('labels', () => {
  it('maps aliases and refuses unknown labels', () => {
    expect(canonicalCharset('GB2312')).toBe('gb18030');
    expect(canonicalCharset('x-gbk')).toBe('gb18030');
    expect(canonicalCharset('Latin1')).toBe('windows-1252');
    expect(canonicalCharset('Shift_JIS')).toBe('shift_jis');
    expect(canonicalCharset('invalid')).toBeNull();
    expect(prologEncoding(Buffer.from("<!-- c --><?xml version='1.0' encoding='KOI8-R'?><a/>"))).toBe('KOI8-R');
  });
});
