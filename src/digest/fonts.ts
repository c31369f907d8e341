// The chart's font ships with the project (assets/fonts) and is handed to resvg by path: a font
// found by chance on the host draws Chinese, Japanese and Korean labels as empty boxes where the
// host has none (the Docker image has none).
import { existsSync } from 'node:fs';
import { packagePath } from '../package-root.js';

/** Family name of the shipped font; the SVG's text names it, resvg falls back to it. */
export const CHART_FONT_FAMILY = 'WenQuanYi Micro Hei';

/** The shipped font: `assets/fonts/` beside `src/` and `dist/` (both are two levels below the root). */
export const CHART_FONT_FILE = packagePath('assets', 'fonts', 'wqy-microhei.ttc');

export class ChartFontError extends Error {
  readonly code = 'CHART_FONT_MISSING';
  constructor(readonly file: string) {
    super(
      `chart font not found at ${file}; the digest chart cannot draw its labels. Restore assets/fonts/ from the repository (the Docker image copies it beside dist/).`,
    );
    this.name = 'ChartFontError';
  }
}

/** resvg's font options: only the given files, never the host's fonts. */
export function chartFontOptions(file: string = CHART_FONT_FILE): { loadSystemFonts: false; fontFiles: string[]; defaultFontFamily: string } {
  if (!existsSync(file)) throw new ChartFontError(file);
  return { loadSystemFonts: false, fontFiles: [file], defaultFontFamily: CHART_FONT_FAMILY };
}
