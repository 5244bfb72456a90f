// Entry of the action's post step (dist/post.js).
import { runPost } from '../post.js';

await runPost();
