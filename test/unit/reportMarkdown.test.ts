// The report body on real result documents with a hand-made verdict of every kind: what the
// headline says, the per-scenario tables, escaping of hostile text, and the 65,536 cut.
import { describe, expect, it } from '@jest/globals';
import { regressionAnnotations } from '../../src/report/annotations.js';
import { renderMarkdownReport, reportSections } from '../../src/report/markdown.js';
import { escapeMarkdown } from '../../src/report/markdownText.js';
import {
  GITHUB_COMMENT_LIMIT,
  KEEP,
  fitSections,
  sizeOf,
  type Section,
} from '../../src/report/sections.js';
import { resultDocumentSchema, type ResultDocument } from '../../src/results/schema.js';
import { trialFrom } from '../support/trials.js';
import { VERDICTS, documentWith, reportFixture, type VerdictCase } from '../support/verdicts.js';

const TABLE = '| Metric | Baseline | Current | Change (interval) | Threshold | Status |';

const cases: [VerdictCase, string[], string[]][] = [
  [
    'fail',
    [
      '**Regression**: 1 metric(s) regressed beyond their thresholds: none p99 latency +18.8% (14.90 ms → 17.70 ms; lower bound +6.8%), threshold +10%, floor 1.00 ms.',
      "Method: Welch's t test against stored run 2925093b\\-1e2f\\-4382\\-9a36\\-5943f7a5349f (commit 6d322ba4f482, refs/heads/main); one-sided t intervals at 95% confidence, Holm-corrected over 16 test(s).",
      'Smallest p99 change these trials could detect: 8.6% (none), 9.4% (app-mtls).',
      '### none: ❌ 1 regression(s)',
      '### app-mtls: ✅ no regression',
      TABLE,
      '| p99 latency | 14.90 ms | 17.70 ms | +18.8% (+6.8% to +30.8%) | +10%, floor 1.00 ms | ❌ **fail** |',
      '| CPU client | 0.104 cores | 0.090 cores | -14.0% (-26.0% to -2.0%) | +20%, floor 0.005 cores | ✅ pass |',
      '| error rate | 0.000% | 0.000% | 0.000 pp (-0.040 pp to +0.040 pp) | +0.100 pp | ✅ pass |',
      '<details><summary>Baseline</summary>',
      '<details><summary>Every test (16)</summary>',
    ],
    [],
  ],
  ['pass', ['**Pass**: no regression beyond the thresholds.', TABLE], ['❌']],
  [
    'inconclusive',
    [
      '**Inconclusive**: the measurements cannot tell a regression from noise.',
      '### none: ✅ no regression, 1 inconclusive',
      '| p99.9 latency | 17.77 ms | 20.97 ms | +18.0% (+6.0% to +30.0%) | +20%, floor 1.00 ms | ⚠️ inconclusive |',
    ],
    ['❌'],
  ],
  [
    'no-baseline',
    [
      '**No baseline to compare with**: 2 scenario(s) measured and valid; nothing was compared.',
      '- no stored run under this key on mesh\\-perf\\-data yet: nothing to compare with',
    ],
    [TABLE, 'Method:', '<details><summary>Baseline</summary>', 'Every test'],
  ],
  [
    'infra-error',
    [
      '**Infrastructure error**: the run cannot be trusted',
      '- scenario app\\-mtls has no valid trial',
    ],
    [TABLE, 'Method:'],
  ],
  [
    'key-differs',
    [
      '**Inconclusive**: the baseline was measured with different settings, so nothing was compared (why below).',
      '- rps: 320 \\(baseline\\) vs 200 \\(current\\)',
      '**comparable**: no, measured with different settings',
    ],
    [TABLE, 'Method:', 'Every test'],
  ],
];

describe('report body per verdict', () => {
  it.each(cases)('%s', (kind, present, absent) => {
    const md = renderMarkdownReport(documentWith(kind));
    for (const text of present) expect(md).toContain(text);
    for (const text of absent) expect(md).not.toContain(text);
    // Always: Table I, the measured table, collapsed environment and load profile.
    expect(md).toContain('### Overhead vs none');
    expect(md).toContain('| app\\-mtls | verified |');
    expect(md).toContain('<details><summary>Environment</summary>');
    expect(md).toContain('<details><summary>Load profile</summary>');
    expect(md).toContain('**rate**: 200 RPS over 20 keep\\-alive connections \\(open loop\\)');
  });

  it('starts with the hidden marker when one is given, and links the run', () => {
    const md = renderMarkdownReport(documentWith('pass'), undefined, {
      marker: '<!-- mesh-perf:perf/bench -->',
      runUrl: 'https://github.com/o/r/actions/runs/42',
    });
    expect(md.startsWith('<!-- mesh-perf:perf/bench -->\n## mesh-perf\n')).toBe(true);
    expect(md).toContain('[Workflow run](https://github.com/o/r/actions/runs/42)');
  });

  it('names an injected calibration delay in the headline and the load profile', () => {
    const doc = documentWith('fail');
    const load = { ...doc.load, injectedDelayMs: 3 };
    const md = renderMarkdownReport({ ...doc, load });
    expect(md).toContain('Calibration run: 3 ms of extra server delay was injected on purpose');
    expect(md).toContain('**injected delay**: 3 ms \\(calibration\\)');
  });

  it('gives one error annotation per regression, naming metric, change and threshold', () => {
    expect(regressionAnnotations(VERDICTS.fail)).toEqual([
      {
        title: 'mesh-perf regression: none p99 latency',
        message:
          'none p99 latency +18.8% (14.90 ms → 17.70 ms; lower bound +6.8%), threshold +10%, floor 1.00 ms. the whole interval lies above zero and the change is at least the threshold',
      },
    ]);
    expect(regressionAnnotations(VERDICTS.pass)).toEqual([]);
    expect(regressionAnnotations(undefined)).toEqual([]);
  });
});

const HOSTILE = [
  '<script>alert(1)</script>',
  '@octo-org/everyone please look',
  '| pipes | in | cells |',
  '`backticks` and ```fences```',
  'line one\nline two\r\n## injected heading',
  '<!-- mesh-perf:other/job -->',
  '[click](https://example.invalid) ![img](x) #12',
];

function hostileDocument(): ResultDocument {
  const doc = documentWith('fail');
  const text = HOSTILE.join(' ');
  return resultDocumentSchema.parse({
    ...doc,
    run: { ...doc.run, ref: text, commit: text, faults: [text] },
    scenarios: doc.scenarios.map((s) => ({
      ...s,
      trials: [...s.trials, trialFrom([10], { index: 9, valid: false, invalidReasons: [text] })],
    })),
    verdict: {
      ...VERDICTS.fail,
      reasons: [text],
      baseline: { ...VERDICTS.fail.baseline, ref: text, location: text, runId: text },
      comparisons: VERDICTS.fail.comparisons.map((c) => ({ ...c, reason: text })),
    },
  });
}

describe('escaping of untrusted text', () => {
  const md = renderMarkdownReport(hostileDocument(), undefined, {
    marker: '<!-- mesh-perf:a/b -->',
  });

  it('lets no HTML, mention, link, heading or second marker through', () => {
    expect(md).not.toMatch(/<script|<!-- mesh-perf:other/);
    expect(md).not.toMatch(/@octo/); // every @ is followed by a zero-width space
    expect(md).toContain('@\u200bocto\\-org/everyone');
    expect(md).not.toMatch(/\n## injected/);
    expect(md).not.toContain('[click](');
    expect(md).not.toContain('![img]');
    expect(md).not.toMatch(/[^\\]#12/);
    expect(md.match(/<!-- mesh-perf:/g)).toHaveLength(1);
  });

  it('keeps every table row to its column count', () => {
    const tables = md.split('\n').filter((line) => line.startsWith('|'));
    expect(tables.length).toBeGreaterThan(10);
    for (const line of tables) {
      // Unescaped pipes delimit cells; a table's rows all have the header's count.
      const cells = line.replace(/\\\|/g, '').split('|').length;
      expect([8, 13, 10]).toContain(cells);
    }
  });

  it('escapes each special character the same way everywhere', () => {
    expect(escapeMarkdown('a`b*c_d|e\nf\rg#1 @x <y> &')).toBe(
      'a\\`b\\*c\\_d\\|e f g\\#\u200b1 @\u200bx &lt;y&gt; &amp;',
    );
    expect(escapeMarkdown('x'.repeat(600))).toHaveLength(500);
  });
});

describe('the 65,536-character cut', () => {
  // Long untrusted text everywhere it can be: 96 tests with 500-character reasons and 120
  // invalid trials (50 listed).
  function hugeDocument(): ResultDocument {
    const doc = documentWith('fail');
    const reason = `pod said: ${'overloaded '.repeat(60)}`;
    const invalid = Array.from({ length: 60 }, (_, i) =>
      trialFrom([10], { index: 10 + i, repetition: i + 1, valid: false, invalidReasons: [reason] }),
    );
    const comparisons = Array.from({ length: 6 }, () =>
      VERDICTS.fail.comparisons.map((c) => ({ ...c, reason })),
    ).flat();
    return resultDocumentSchema.parse({
      ...doc,
      scenarios: doc.scenarios.map((s) => ({ ...s, trials: [...s.trials, ...invalid] })),
      verdict: { ...VERDICTS.fail, comparisons, regressions: 6 },
    });
  }

  it('leaves out whole sections, least important first, and says so', () => {
    const doc = hugeDocument();
    const full = renderMarkdownReport(doc);
    expect(sizeOf(full)).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    expect(full).toContain('and 70 more');
    const cut = renderMarkdownReport(doc, undefined, { limit: GITHUB_COMMENT_LIMIT });
    expect(sizeOf(cut)).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(cut).toContain('> [!NOTE]');
    expect(cut).toContain(
      'Shortened to stay under 65,536 characters; left out: the table of every test.',
    );
    // Every kept section is there whole; the dropped one not at all.
    for (const section of reportSections(doc, undefined)) {
      if (section.title === 'the table of every test') expect(cut).not.toContain(section.markdown);
      else expect(cut).toContain(section.markdown);
    }
  });

  const section = (title: string, size: number, rank: number): Section => ({
    title,
    markdown: `${title}:${'x'.repeat(size)}`,
    rank,
  });

  it.each([
    [10_000, []],
    [1100, ['d']],
    // Among equal ranks the later section goes first.
    [900, ['d', 'c']],
    [600, ['d', 'c', 'b']],
  ])('fits %d bytes by dropping %j', (limit, omitted) => {
    const sections = [
      section('a', 300, KEEP),
      section('b', 300, 5),
      section('c', 300, 5),
      section('d', 300, 1),
    ];
    const fitted = fitSections(sections, limit);
    expect(fitted.omitted).toEqual(omitted);
    expect(sizeOf(fitted.markdown)).toBeLessThanOrEqual(limit);
    expect(fitted.markdown.startsWith('a:')).toBe(true);
  });

  it('cuts at a section boundary with a note when even the kept sections do not fit', () => {
    const fitted = fitSections([section('a', 300, KEEP), section('b', 300, KEEP)], 500);
    expect(sizeOf(fitted.markdown)).toBeLessThanOrEqual(500);
    expect(fitted.markdown).toContain('a:xxx');
    expect(fitted.markdown).not.toContain('b:');
    expect(fitted.markdown).toContain('left out: the rest of the report');
  });
});

describe('the fixtures', () => {
  it('are valid result documents from real runs', () => {
    expect(reportFixture('baseline').scenarios.map((s) => s.summary.validTrials)).toEqual([2, 2]);
    expect(reportFixture('current').scenarios.map((s) => s.mesh)).toEqual(['none', 'app-mtls']);
  });
});
