// `npm run docs`: rewrites the configuration table in README.md and the inputs of action.yml (order
// and descriptions) from src/config/fields.ts (bundled on the fly), then formats both files as the
// lint step expects.
import { build } from 'esbuild';
import { readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { parseDocument } from 'yaml';

const bundle = await build({
  entryPoints: ['src/config/configTable.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'warning',
});
const code = bundle.outputFiles[0].text;
const { withConfigTable, INPUT_FIELDS, inputDescription } = await import(
  `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
);
await writeFile('README.md', withConfigTable(await readFile('README.md', 'utf8')));

// action.yml: the configuration inputs in the order of fields.ts, each described by it; inputs of
// the action alone (github-token, comment-from) keep their text and follow.
const action = parseDocument(await readFile('action.yml', 'utf8'));
const inputs = action.get('inputs');
const byKey = new Map(inputs.items.map((pair) => [String(pair.key), pair]));
const ordered = INPUT_FIELDS.map((field) => {
  const pair = byKey.get(field.key);
  if (!pair) throw new Error(`action.yml has no input ${field.key}`);
  pair.value.set('description', inputDescription(field));
  byKey.delete(field.key);
  return pair;
});
inputs.items = [...ordered, ...byKey.values()];
await writeFile('action.yml', action.toString({ lineWidth: 0 }));
execFileSync('npx', ['prettier', '--write', 'README.md', 'action.yml'], { stdio: 'inherit' });
