// What every feed parser returns (parse.ts for RSS and Atom, json-feed.ts for JSON Feed); its own
// file so the parsers need not import one another.
import type { RawEntry } from '../types.js';

export interface ParsedFeed {
  title?: string;
  entries: RawEntry[];
}
