// The comment handed from a run that may not post it (a pull request from a fork gets a read-only
// token) to a trusted workflow_run workflow that does. Whatever the follow-up reads back came from
// a run of untrusted code, so it is validated strictly before anything is posted.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { GITHUB_COMMENT_LIMIT, sizeOf } from '../report/sections.js';
import { isMarker } from './commentMarker.js';

export const COMMENT_FILE_SCHEMA = 'mesh-perf-comment/v1';

export const commentFileSchema = z.strictObject({
  schema: z.literal(COMMENT_FILE_SCHEMA),
  /** Pull request number. */
  pr: z.number().int().positive(),
  marker: z.string().refine(isMarker, 'is not a mesh-perf comment marker'),
  body: z.string(),
  /** False when only an existing comment may be updated (mode on-regression, no regression). */
  createIfMissing: z.boolean(),
});
export type CommentFile = z.infer<typeof commentFileSchema>;

export async function writeCommentFile(file: string, content: Omit<CommentFile, 'schema'>) {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const data: CommentFile = { schema: COMMENT_FILE_SCHEMA, ...content };
  await writeFile(file, `${JSON.stringify(data, null, 2)}\n`);
}

/** Turns every @mention into plain text; our own body never mentions anyone. */
export const neutralizeMentions = (body: string): string =>
  body.replace(/@(?=[A-Za-z0-9])/g, '@\u200b');

/** Reads and checks a comment file; null when there is none (nothing to post). */
export async function readCommentFile(file: string): Promise<CommentFile | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigError(
      `comment-from: cannot read "${file}": ${(error as Error).message}`,
      undefined,
      {
        cause: error,
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`comment-from: "${file}" is not JSON`, undefined, { cause: error });
  }
  const parsed = commentFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    throw new ConfigError(
      `comment-from: "${file}" is not a ${COMMENT_FILE_SCHEMA} comment file:\n  ${problems.join('\n  ')}`,
      problems,
    );
  }
  const { body, marker } = parsed.data;
  if (!body.startsWith(`${marker}\n`)) {
    throw new ConfigError(`comment-from: "${file}": the body does not start with its marker`);
  }
  if (sizeOf(body) > GITHUB_COMMENT_LIMIT) {
    throw new ConfigError(
      `comment-from: "${file}": the body is ${sizeOf(body)} bytes; allowed: at most ${GITHUB_COMMENT_LIMIT}`,
    );
  }
  return { ...parsed.data, body: neutralizeMentions(body) };
}
