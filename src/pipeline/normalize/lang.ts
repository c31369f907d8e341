// Language: 'zh' when Han characters dominate the text, 'ja'/'ko' for kana/hangul, else the
// source's hint, else 'en'.

export function detectLang(text: string, hint?: string): string {
  let han = 0;
  let kana = 0;
  let hangul = 0;
  let latin = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x20000 && c <= 0x2a6df)) han++;
    else if (c >= 0x3040 && c <= 0x30ff) kana++;
    else if (c >= 0xac00 && c <= 0xd7af) hangul++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
  }
  const cjk = han + kana + hangul;
  // One Han character carries about as much as a short Latin word (~3 letters).
  if (cjk && cjk * 3 >= latin) {
    if (kana >= cjk * 0.1) return 'ja';
    if (hangul > han) return 'ko';
    return 'zh';
  }
  return hint?.trim().toLowerCase().split(/[-_]/)[0] || 'en';
}
