import { describe, expect, it } from '@jest/globals';
import { escapeMarkdown, renderMarkdownReport } from '../../src/report/markdown.js';
import { TABLE_HEADER, scenarioRow } from '../../src/report/tableRows.js';
import { renderTerminalReport } from '../../src/report/terminalTable.js';
import { sampleDocument } from '../support/documents.js';
import { trialFrom } from '../support/trials.js';

describe('terminal report', () => {
  it('renders the Table I columns with aligned rows', () => {
    const text = renderTerminalReport(sampleDocument(), '/tmp/r.json');
    const lines = text.split('\n');
    const header = lines.find((l) => l.startsWith('Mesh'));
    expect(header).toBeDefined();
    for (const column of TABLE_HEADER) expect(header).toContain(column);
    const none = lines.find((l) => l.startsWith('none '));
    const app = lines.find((l) => l.startsWith('app-mtls'));
    expect(none).toMatch(
      /none\s+n\/a\s+10\.\d\d\s+10\.\d\d\s+10\.\d\d\s+-\s+0\.100\s+61\.0\s+0\.050\s+51\.0\s+2\/2$/,
    );
    expect(app).toMatch(
      /^app-mtls\s+verified\s+10\.\d\d .* \+\d\.\d%\s+0\.150\s+65\.0\s+0\.075\s+55\.0\s+2\/2$/,
    );
    expect(header?.length).toBe(none?.length);
    expect(text).toContain('local provider, builtin engine: 300 RPS over 30 connections');
    expect(text).toContain('Result document: /tmp/r.json');
    expect(text).not.toContain('Not trusted');
  });

  it('lists every invalid trial with its reasons', () => {
    const doc = sampleDocument({
      appTrials: [
        trialFrom([10], {
          index: 1,
          valid: false,
          invalidReasons: ['achieved rate 250.0/s is under 99% of the requested 300/s'],
        }),
      ],
      faults: ['the app-mtls server exited'],
    });
    const text = renderTerminalReport(doc, 'r.json');
    expect(text).toContain('Not trusted:');
    expect(text).toContain('  - run: the app-mtls server exited');
    expect(text).toContain(
      '  - app-mtls #1: achieved rate 250.0/s is under 99% of the requested 300/s',
    );
    const app = doc.scenarios[1];
    expect(app && scenarioRow(app)).toEqual([
      'app-mtls',
      'verified',
      'n/a',
      'n/a',
      'n/a',
      'n/a',
      'n/a',
      'n/a',
      'n/a',
      'n/a',
      '0/1',
    ]);
  });
});

describe('markdown report', () => {
  it('renders a GitHub table with a verdict line and collapsed environment', () => {
    const md = renderMarkdownReport(sampleDocument(), '**No baseline to compare with**');
    expect(md).toContain('| Mesh | mTLS | p50 ms | p99 ms | p99.9 ms |');
    expect(md).toContain('| :--- | ---: |');
    expect(md).toMatch(/\| app\\-mtls \| verified \| 10\\\.\d\d \|/);
    expect(md).toContain('<details><summary>Environment</summary>');
    expect(md).toContain('**No baseline to compare with**');
  });

  it('escapes untrusted text so it cannot break the table or inject HTML or mentions', () => {
    expect(escapeMarkdown('a|b<script>@team\nnext')).toBe('a\\|b&lt;script&gt;@\u200bteam next');
    const doc = sampleDocument({ faults: ['pod said <img src=x> | **bold**'] });
    const md = renderMarkdownReport(doc, 'x');
    expect(md).toContain('- run: pod said &lt;img src=x&gt; \\| \\*\\*bold\\*\\*');
    expect(md).not.toContain('<img');
  });
});
