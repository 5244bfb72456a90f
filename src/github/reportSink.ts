// Where reports go besides the PR comment: log lines, warnings, error annotations, step outputs
// and the job summary. The action writes through @actions/core; the CLI prints plain lines on a
// terminal and the same workflow commands when it runs inside a GitHub Actions step.
import * as core from '@actions/core';
import { writeLine } from '../cli/io.js';
import { appendJobSummary } from './jobSummary.js';

export interface ReportSink {
  info(message: string): void;
  warning(message: string): void;
  /** An error annotation with a title (one per regression). */
  error(message: string, title: string): void;
  setOutput(name: string, value: string): void;
  appendSummary(markdown: string): Promise<void>;
}

export function actionSink(env: NodeJS.ProcessEnv = process.env): ReportSink {
  return {
    info: (message) => {
      core.info(message);
    },
    warning: (message) => {
      core.warning(message);
    },
    error: (message, title) => {
      core.error(message, { title });
    },
    setOutput: (name, value) => {
      core.setOutput(name, value);
    },
    appendSummary: async (markdown) => {
      await appendJobSummary(markdown, env);
    },
  };
}

export function cliSink(io: { stderr: NodeJS.WritableStream; env: NodeJS.ProcessEnv }): ReportSink {
  // In a `run:` step the workflow commands become annotations and outputs; elsewhere plain text.
  if (io.env.GITHUB_ACTIONS === 'true') return actionSink(io.env);
  return {
    info: (message) => {
      writeLine(io.stderr, message);
    },
    warning: (message) => {
      writeLine(io.stderr, `warning: ${message}`);
    },
    error: (message, title) => {
      writeLine(io.stderr, `error: ${title}: ${message}`);
    },
    setOutput: () => undefined,
    appendSummary: async (markdown) => {
      await appendJobSummary(markdown, io.env);
    },
  };
}
