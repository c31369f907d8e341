// Dedupe: exact keys, near-duplicate fingerprints and the matcher the store calls.
export { exactKeys, titleKeyText } from './keys.js';
export { fingerprint, CELL_DAYS, MAX_BUCKETS } from './fingerprint.js';
export { createMatcher, explainMatch, type MatcherOptions, type Verdict, type Reason } from './matcher.js';
export { extractFeatures, type Features } from './features.js';
export { personKey } from './names.js';
