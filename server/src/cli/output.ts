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
    try {
      const written = fs.writeSync(this.fd, text);
      // Cut short (a signal, the descriptor turned non-blocking): the rest goes on as bytes.
      return written === Buffer.byteLength(text) || this.writeBytes(Buffer.from(text).subarray(written));
    } catch (error) {
      return this.refused(error, Buffer.from(text));
    }
  }

  private writeBytes(bytes: Buffer): boolean {
    for (let written = 0; written < bytes.length;) {
      try {
        written += fs.writeSync(this.fd, bytes, written);
      } catch (error) {
        return this.refused(error, bytes.subarray(written));
      }
    }
    return true;
  }

  /** A write the descriptor refused: a closed pipe ends the process; a full non-blocking one hands `rest` to Node's stream. */
  private refused(error: unknown, rest: Buffer): boolean {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') closedPipe();
    if (code !== 'EAGAIN') throw error;
    this.stream = this.streamOf();
    this.stream.on('error', onStreamError);
    return this.stream.write(rest);
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
