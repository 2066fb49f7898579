// dist/debugAdapter.js: the `asl` debug adapter, speaking the Debug Adapter Protocol over stdin and
// stdout (or a port, with --server=PORT), runnable by itself: `node dist/debugAdapter.js`.
import { DebugSession } from '@vscode/debugadapter';
import { AslDebugSession } from './session';

DebugSession.run(AslDebugSession);
