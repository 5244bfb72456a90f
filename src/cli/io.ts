// What a CLI command may touch, passed in so tests can run commands in-process.
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  /** URL of the running bundle, to find server.mjs and loadgen.mjs beside it. */
  entryUrl: string;
}

export const writeLine = (stream: NodeJS.WritableStream, line = ''): void => {
  stream.write(`${line}\n`);
};
