/**
 * GitHub Actions annotations: one `::error` per failing test with the clause, the counterexample
 * and the replay command, escaped by the rules of workflow commands so that no text can end the
 * annotation or start a command of its own.
 */
import { describe, expect, it } from 'vitest';
import { escapeAnnotationData, escapeAnnotationProperty, githubAnnotations } from '../../src/report/githubAnnotations.js';
import type { Report, ReportResult } from '../../src/report/model/Report.js';

const result = (id: string, status: ReportResult['status'], extra: Partial<ReportResult> = {}): ReportResult => ({
  id,
  kind: 'property',
  status,
  spec: ['conv.no-flip', 'conv.definition'],
  features: ['conv'],
  required: true,
  description: '',
  durationMs: 1,
  ...extra,
});

const report = (results: ReportResult[], strict = false): Report =>
  ({ results, ...(strict ? { expectations: { file: 'e.json', entries: 1, unmatched: [], strict: true } } : {}) }) as unknown as Report;

describe('escaping for workflow commands', () => {
  it('escapes % first, then carriage returns and line feeds, in messages', () => {
    expect(escapeAnnotationData('100%\r\n::error::x')).toBe('100%25%0D%0A::error::x');
    expect(escapeAnnotationData('%0A')).toBe('%250A');
  });

  it('escapes colons and commas too in properties', () => {
    expect(escapeAnnotationProperty('cnnspec a:b,c%\n')).toBe('cnnspec a%3Ab%2Cc%25%0A');
  });
});

describe('githubAnnotations', () => {
  it('writes one ::error line per failure and error, titled with the first clause, holding the counterexample and the replay', () => {
    const text = githubAnnotations(
      report([
        result('conv/no-flip/kernel-applied-as-stored', 'fail', {
          message: 'differs\nat [0, 0]',
          counterexample: { x: [1, 2] },
          replay: "npx cnnspec run --adapter './a.mjs' --only 'conv/no-flip/kernel-applied-as-stored' --seed 3 --path '0:1'",
        }),
        result('conv/linearity/input', 'pass'),
        result('conv/linearity/weight', 'unsupported', { message: 'feature conv' }),
        result('fixture/conv.gen-000', 'error', { message: 'kit error', spec: [] }),
      ]),
      'src/my adapter,v2.mjs',
    );
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1)).toEqual([
      "::error file=src/my adapter%2Cv2.mjs,title=cnnspec conv.no-flip::conv/no-flip/kernel-applied-as-stored failed [spec: conv.no-flip, conv.definition]%0Adiffers%0Aat [0, 0]%0Acounterexample: {\"x\":[1,2]}%0Areplay: npx cnnspec run --adapter './a.mjs' --only 'conv/no-flip/kernel-applied-as-stored' --seed 3 --path '0:1'",
      '::error file=src/my adapter%2Cv2.mjs,title=cnnspec fixture/conv.gen-000::fixture/conv.gen-000 ended in error [spec: ]%0Akit error',
    ]);
  });

  it('leaves out the file when there is none, and counts an unexpected pass only under strict expectations', () => {
    const passes = [result('conv/linearity/input', 'unexpected-pass', { message: 'passed' })];
    expect(githubAnnotations(report(passes))).toBe('');
    expect(githubAnnotations(report(passes, true))).toBe(
      '::error title=cnnspec conv.no-flip::conv/linearity/input failed [spec: conv.no-flip, conv.definition]%0Apassed\n',
    );
  });

  it('shows control characters an adapter put in its message escaped, never raw', () => {
    const text = githubAnnotations(report([result('conv/a', 'fail', { message: 'bad \u001b[2J\u001b]0;x\u0007 answer' })]));
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(text).toContain('\\u001b[2J');
  });
});
