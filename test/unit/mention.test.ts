// routes[].mention: the config shape per platform, and which alerts in which channel ping whom.
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { mentionLookup, mentionMatches } from '../../src/pipeline/mention.js';

const a = (o: { score?: number; moves?: number; firms?: string[] } = {}) => ({
  score: o.score ?? 0.8,
  firms: o.firms ?? ['OpenAI', 'DeepSeek'],
  moves: Array.from({ length: o.moves ?? 1 }, () => ({ person: 'Jane Doe', from: 'OpenAI', to: 'DeepSeek' })),
});

describe('mentions', () => {
  it('needs every given condition: score, a move, any of the firms', () => {
    const m = { who: 'S1', when: { minScore: 0.7, moves: true, firms: ['deepseek', 'Anthropic'] } };
    expect(mentionMatches(m, a())).toBe(true);
    expect(mentionMatches(m, a({ score: 0.6 }))).toBe(false);
    expect(mentionMatches(m, a({ moves: 0 }))).toBe(false);
    expect(mentionMatches(m, a({ firms: ['OpenAI'] }))).toBe(false);
    expect(mentionMatches({ who: 'S1', when: {} }, a({ moves: 0, score: 0 }))).toBe(true);
  });

  it('looks up by platform and channel; routes without a mention ping nobody', () => {
    const cfg = configSchema.parse({
      routes: [
        { platform: 'slack', channel: 'C1', mention: { who: 'S0TALENT', when: { firms: ['DeepSeek'] } } },
        { platform: 'slack', channel: 'C2' },
        { platform: 'discord', channel: '42', mention: { who: '999888777666', when: { minScore: 0.9 } } },
      ],
    });
    const look = mentionLookup(cfg.routes);
    expect(look('slack', 'C1', a())).toBe('S0TALENT');
    expect(look('slack', 'C1', a({ firms: ['Meta'] }))).toBeUndefined();
    expect(look('slack', 'C2', a())).toBeUndefined();
    expect(look('discord', 'C1', a())).toBeUndefined();
    expect(look('discord', '42', a({ score: 0.95 }))).toBe('999888777666');
    expect(look('discord', '42', a())).toBeUndefined();
  });

  it('refuses ids of the wrong platform and unknown keys, saying how to fix them', () => {
    const bad = configSchema.safeParse({
      routes: [
        { platform: 'slack', channel: 'C1', mention: { who: '12345678' } },
        { platform: 'discord', channel: '42', mention: { who: 'S0TALENT' } },
        { platform: 'discord', channel: '43', mention: { who: '123456', when: { score: 1 } } },
      ],
    });
    expect(bad.success).toBe(false);
    const issues = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^routes\.0\.mention\.who: on Slack, who is a user-group id starting with S/),
        expect.stringMatching(/^routes\.1\.mention\.who: on Discord, who is a role id/),
        expect.stringMatching(/^routes\.2\.mention\.when/),
      ]),
    );
  });
});
