// Entry of the action's main step (dist/main.js).
import { run } from '../main.js';

await run();
