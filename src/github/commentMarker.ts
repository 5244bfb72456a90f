// The hidden first line a PR comment is found again by: one comment per workflow and job.
// Workflow names are free text, so only a plain set of characters is kept and "--" (which could
// end the HTML comment) cannot appear.

const UNSAFE = /[^A-Za-z0-9 ._/+-]/g;
export const MARKER_PATTERN = /^<!-- mesh-perf:[A-Za-z0-9 ._/+-]{1,201} -->$/;

function part(text: string): string {
  const clean = text.replace(UNSAFE, '_').replace(/-{2,}/g, '-').trim().slice(0, 100);
  return clean === '' ? '_' : clean;
}

export function commentMarker(workflow: string, job: string): string {
  return `<!-- mesh-perf:${part(workflow)}/${part(job)} -->`;
}

export function isMarker(text: string): boolean {
  return MARKER_PATTERN.test(text) && !text.slice(4, -4).includes('--');
}
