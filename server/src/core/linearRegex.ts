// V8 matches a pattern by backtracking: `(a+)+b` against a long run of `a` would take centuries, and no
// budget or watchdog interrupts a RegExp running in an API server's, a debugger's or a language server's
// own thread. With this flag, a match that backtracks too much runs again on V8's linear-time engine,
// with the same result (patterns with back references or lookaround, which that engine lacks, do not).
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
