// A well-formed alert for rendering and posting tests; override any field.
import type { Alert } from '../../../src/types.js';

export function alert(over: Partial<Alert> = {}): Alert {
  return {
    id: 'src:1',
    source: 'techcrunch-ai',
    title: 'OpenAI researcher joins DeepSeek',
    summary: 'A researcher moved.',
    link: 'https://example.com/story?a=1&b=2',
    lang: 'en',
    published: '2026-11-28T10:00:00Z',
    fetchedAt: '2026-11-28T10:05:00Z',
    archivedAt: '2026-11-28T10:05:00Z',
    alsoReportedBy: [],
    assessment: {
      relevant: true,
      topics: ['talent'],
      score: 0.9,
      firms: ['OpenAI', 'DeepSeek'],
      moves: [{ person: 'Jane Doe', from: 'OpenAI', to: 'DeepSeek', role: 'research scientist', direction: 'US→CN' }],
      why: [],
      summary: 'Jane Doe leaves OpenAI for DeepSeek.',
    },
    ...over,
  };
}
