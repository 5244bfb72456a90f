// Reports on the pull request.
import { type FieldSpec } from '../fieldSpec.js';
import { COMMENT_MODES } from '../types.js';

export const REPORT_FIELDS = [
  {
    key: 'comment',
    description:
      'Pull-request comment, found again by a hidden marker and updated in place: always, only on a regression (an existing comment is still updated), or never.',
    default: 'on-regression',
    allowed: COMMENT_MODES.join(', '),
  },
  {
    key: 'comment-file',
    description:
      'Where the comment is written when the token cannot post it (pull requests from forks), for a trusted workflow_run workflow to post.',
    default: null,
    defaultText: 'mesh-perf-comment.json next to the result document',
    allowed: 'a file path',
  },
] as const satisfies readonly FieldSpec[];
