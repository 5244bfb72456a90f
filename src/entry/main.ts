// Entry of the action's main step (dist/main.js): the benchmark, or, with input comment-from,
// posting a comment file for a fork's pull request from a trusted workflow_run workflow.
import * as core from '@actions/core';
import { runCommentFromAction } from '../github/commentFromAction.js';
import { run } from '../main.js';

const commentFrom = core.getInput('comment-from');
await (commentFrom === '' ? run() : runCommentFromAction(commentFrom));
