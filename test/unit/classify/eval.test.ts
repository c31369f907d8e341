import { describe, expect, it } from 'vitest';
import { evaluateClassify, evaluateMoveCases, prf } from '../../../eval/classify-eval.js';
import { EvalDataError, parseEvalRows } from '../../../src/feedback/eval-rows.js';
import type { Assessment } from '../../../src/types.js';
import { classify, engine, item } from './helpers.js';

const row = (id: string, topics: string[], firms: string[], move: { person: string; from: string; to: string } | null) =>
  JSON.stringify({ id, source: 's', lang: 'en', title: 't', summary: '', link: '', published: '', labels: { topics, firms, cluster: null, move } });
const a = (relevant: boolean, topics: Assessment['topics'], firms: string[], moves: Assessment['moves'] = []): Assessment => ({
  relevant,
  topics,
  score: relevant ? 1 : 0,
  firms,
  moves,
  why: [],
  summary: '',
});

describe('classify eval', () => {
  it('computes precision, recall, F1, macro-F1, firm micro scores and move accuracy', () => {
    const rows = parseEvalRows(
      [
        row('1', ['talent'], ['OpenAI', 'Meta'], { person: 'P', from: 'OpenAI', to: 'Meta' }),
        row('2', [], ['Google'], null),
        row('3', ['superapp'], ['Grab'], null),
      ].join('\n'),
    );
    const r = evaluateClassify(rows, [
      a(true, ['talent'], ['OpenAI'], [{ person: 'P', from: 'OpenAI', to: 'Meta' }]),
      a(true, ['superapp'], ['Google', 'Apple']),
      a(false, [], ['Grab']),
    ]);
    expect(r.relevance).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(r.topics.talent.f1).toBe(1);
    expect(r.topics.superapp).toMatchObject({ tp: 0, fp: 1, fn: 1, f1: 0 });
    expect(r.topicMacroF1).toBe(0.5);
    expect(r.firms).toMatchObject({ tp: 3, fp: 1, fn: 1 });
    expect(r.moves).toEqual({ correct: 1, total: 1, accuracy: 1 });
    expect(prf(0, 0, 0).f1).toBe(1);
  });

  it('scores own move cases on moves only: from→to, person, false moves on hard negatives, per pattern', () => {
    const rows = parseEvalRows(
      [
        JSON.stringify({ ...JSON.parse(row('1', ['talent'], [], { person: 'Zoë Hart', from: 'OpenAI', to: 'Meta' })), pattern: 'verb' }),
        JSON.stringify({ ...JSON.parse(row('2', ['talent'], [], { person: 'Li Wei', from: 'Google', to: 'Apple' })), pattern: 'return' }),
        JSON.stringify({ ...JSON.parse(row('3', [], [], null)), pattern: 'neg:denied' }),
      ].join('\n'),
    );
    const r = evaluateMoveCases(rows, [
      a(true, ['talent'], [], [{ person: 'zoë  hart', from: 'OpenAI', to: 'Meta' }]),
      a(true, ['talent'], [], [{ person: 'Li Wei', from: 'Apple', to: 'Google' }]),
      a(true, ['talent'], [], [{ person: 'X Y', from: 'A', to: 'B' }]),
    ]);
    expect(r.moves).toMatchObject({ correct: 1, total: 2 });
    expect(r.person).toMatchObject({ correct: 1, total: 2 });
    expect(r.falseMoves).toEqual({ count: 1, total: 1 });
    expect(r.byPattern).toEqual({ verb: { correct: 1, total: 1 }, return: { correct: 0, total: 1 }, 'neg:denied': { correct: 0, total: 1 } });
  });

  it('rejects a malformed rows file with the line number', () => {
    expect(() => parseEvalRows('{"id":"1"}\n', 'x.jsonl')).toThrow(EvalDataError);
    expect(() => parseEvalRows('nope', 'x.jsonl')).toThrow(/x\.jsonl:1: not valid JSON/);
  });
});

describe('source hints', () => {
  it('add a little when the text agrees, and never make a trap relevant', () => {
    const title = 'OpenAI researcher resigns';
    const summary = 'A member of the technical staff said she resigned from OpenAI.';
    const plain = classify(title, summary);
    const hinted = engine().classifier.classify(item(title, summary), { topics: ['talent'], firms: ['OpenAI'] });
    expect(hinted.score).toBeGreaterThan(plain.score);
    const trap = engine().classifier.classify(item('Rhino poachers arrested', 'Rangers caught two poachers with horns.'), { topics: ['talent'] });
    expect(trap.relevant).toBe(false);
  });
});
