// The CLI's standard output and error, written straight to their file descriptors. Node's stream for a
// pipe is built on first use of process.stdout, and building it (net, streams) is more than a millisecond
// of a run's start-up; a blocking descriptor takes a write whole anyway. A descriptor set non-blocking by
// whoever shares it (EAGAIN when the pipe is full) hands what is left to Node's stream, which waits for it.
import * as fs from 'node:fs';

export class Output {
  /** Node's stream, once a write met a full non-blocking descriptor: every later write goes through it, in order. */
  private stream: NodeJS.WriteStream | undefined;

  constructor(private readonly fd: 1 | 2, private readonly streamOf: () => NodeJS.WriteStream) {}

  /** Writes `text`; false when part of it waits in Node's stream (then 'drain' follows), as a stream's write answers. */
  write(text: string): boolean {
    if (this.stream) return this.stream.write(text);
    const bytes = Buffer.from(text);
    let written = 0;
    while (written < bytes.length) {
      try {
        written += fs.writeSync(this.fd, bytes, written);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') closedPipe();
        if (code !== 'EAGAIN') throw error;
        this.stream = this.streamOf();
        this.stream.on('error', onStreamError);
        return this.stream.write(bytes.subarray(written));
      }
    }
    return true;
  }

  once(event: 'drain', listener: () => void): void {
    if (this.stream) this.stream.once(event, listener);
    else listener();
  }

  /** Calls `done` once everything written has left the process. */
  flushed(done: () => void): void {
    if (this.stream) this.stream.write('', done);
    else done();
  }
}

/** A closed pipe (`| head`) ends the output, not the process with a stack trace. */
function closedPipe(): never {
  process.exit(process.exitCode ?? 0);
}

function onStreamError(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') closedPipe();
  throw error;
}

export const stdout = new Output(1, () => process.stdout);
export const stderr = new Output(2, () => process.stderr);
