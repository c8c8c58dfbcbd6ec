// `npm start`: the whole stack on localhost at its documented ports, until Ctrl-C or SIGTERM; a
// subgraph whose code or schema file changes is restarted alone (SUBGRAPH_RELOAD=false turns it off).
import { runMain } from '../kit/src/env.js';
import { runStack } from '../stack/runStack.js';

runMain('start', () => runStack());
