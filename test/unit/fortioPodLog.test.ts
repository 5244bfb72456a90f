// A fortio generator pod's log is fortio's stderr (its text report and one-line JSON log records)
// and stdout (the `-json -` result) merged by the container runtime. The logs here are built from
// the real outputs in test/fixtures/fortio (README there): NAME.stderr.txt, then NAME.json, the
// order fortio writes them in (the result is printed when the run is over).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InfraError } from '../../src/errors.js';
import {
  fortioJsonInLog,
  fortioPodLogFaults,
  parseFortioPodLog,
} from '../../src/load/fortio/fortioPodLog.js';
import { parseFortioResult } from '../../src/load/fortio/parseFortioResult.js';
import { fixturesDir } from '../support/paths.js';

const read = (file: string): string => readFileSync(path.join(fixturesDir, 'fortio', file), 'utf8');
const podLog = (name: string): string => `${read(`${name}.stderr.txt`)}${read(`${name}.json`)}`;

describe('fortio results read from a pod log', () => {
  it.each(['plain', 'mtls', 'errors', 'behind', 'lowered'])(
    '%s: the same trial as from fortio stdout alone',
    (name) => {
      expect(parseFortioPodLog(podLog(name))).toEqual(parseFortioResult(read(`${name}.json`)));
    },
  );

  it.each<[string, number, RegExp[]]>([
    ['plain', 30, []],
    ['behind', 2, [/fell behind its schedule: 100\.00% of its waits/]],
    ['lowered', 30, [/used 10 of the 30 connections/]],
  ])('%s: faults seen beside the result', (name, connections, faults) => {
    const seen = fortioPodLogFaults(podLog(name), connections);
    expect(seen).toHaveLength(faults.length);
    faults.forEach((fault, i) => {
      expect(seen[i]).toMatch(fault);
    });
  });

  it('a log without a result yet (fortio still running) is not a trial', () => {
    const running = read('plain.stderr.txt');
    expect(fortioJsonInLog(running)).toBeUndefined();
    expect(parseFortioPodLog(running)).toBeUndefined();
    expect(fortioPodLogFaults(running, 30)).toEqual([]);
  });

  it('the result of a run that never started is an infrastructure fault', () => {
    expect(() => parseFortioPodLog(`some log line\n${read('failed-run.json')}`)).toThrow(
      InfraError,
    );
  });
});
