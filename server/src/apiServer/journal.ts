// The server's store with --data DIR: an append-only journal of JSON lines, written and fsynced in
// groups (every request waiting for a commit shares one fsync). A request is answered only after
// what it changed is on disk, so a server killed with SIGKILL loses no acknowledged request; a last
// line cut short by the kill is dropped on reading. Plain files, no native module (better-sqlite3
// would need a compiler and headers on every machine that installs the extension).
import * as fs from 'node:fs';
import * as path from 'node:path';

export const JOURNAL_FILE = 'journal.jsonl';

export class Journal {
  private pending: string[] = [];
  private waiters: { resolve(): void; reject(error: Error): void }[] = [];
  private writing = false;
  private failure: Error | undefined;

  private constructor(private readonly fd: number) {}

  /** Opens the journal in `folder` (created if needed) and returns it with the records it holds. */
  static open(folder: string): { journal: Journal; records: unknown[] } {
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, JOURNAL_FILE);
    const records: unknown[] = [];
    let validLength = 0;
    if (fs.existsSync(file)) {
      const text = fs.readFileSync(file, 'utf8');
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
        try {
          records.push(JSON.parse(text.slice(start, end)));
        } catch {
          break;
        }
        validLength = Buffer.byteLength(text.slice(0, end + 1));
      }
    }
    const fd = fs.openSync(file, fs.existsSync(file) ? 'r+' : 'w+');
    // A line the kill cut short is cut off, so that what is appended next starts a line of its own.
    fs.ftruncateSync(fd, validLength);
    const journal = new Journal(fd);
    journal.position = validLength;
    return { journal, records };
  }

  private position = 0;

  /** Adds a record; it reaches the disk with the next commit. */
  append(record: unknown): void {
    this.pending.push(JSON.stringify(record) + '\n');
  }

  /** Resolves once every record appended so far is written and fsynced. */
  commit(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      if (!this.writing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.writing = true;
    while (this.waiters.length) {
      const waiters = this.waiters;
      const lines = this.pending;
      this.waiters = [];
      this.pending = [];
      const buffer = Buffer.from(lines.join(''));
      try {
        await write(this.fd, buffer, this.position);
        this.position += buffer.length;
        await new Promise<void>((resolve, reject) => fs.fdatasync(this.fd, (error) => (error ? reject(error) : resolve())));
      } catch (error) {
        // The disk refused (full, gone): nothing is acknowledged from now on.
        this.failure = error as Error;
        process.stderr.write(`asl-workbench serve: the journal could not be written: ${this.failure.message}\n`);
      }
      for (const waiter of waiters) {
        if (this.failure) waiter.reject(this.failure);
        else waiter.resolve();
      }
    }
    this.writing = false;
  }

  /** Writes what is pending, then closes the file. */
  async close(): Promise<void> {
    if (this.pending.length) await this.commit().catch(() => undefined);
    fs.closeSync(this.fd);
  }
}

function write(fd: number, buffer: Buffer, position: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const next = (offset: number) => fs.write(fd, buffer, offset, buffer.length - offset, position + offset, (error, written) => {
      if (error) reject(error);
      else if (offset + written < buffer.length) next(offset + written);
      else resolve();
    });
    next(0);
  });
}
