// Writes a small Parquet file for the ItemReader's PARQUET fixture: one row group, one uncompressed
// PLAIN data page per REQUIRED column, its metadata in Thrift's compact protocol (Apache Parquet's
// format specification). The test reads it back with hyparquet, a reader nobody here wrote.

type Column = { name: string; type: 'INT64' | 'DOUBLE' | 'UTF8' | 'BOOLEAN'; values: (number | string | boolean)[] };

// Parquet's physical types, and UTF8 as a converted type of BYTE_ARRAY.
const PHYSICAL = { BOOLEAN: 0, INT64: 2, DOUBLE: 5, UTF8: 6 } as const;
const UTF8_CONVERTED = 0;
const REQUIRED = 0;
const PLAIN = 0;
const RLE = 3;

/** Thrift compact protocol: field headers carry the id delta and the type. */
class Compact {
  bytes: number[] = [];
  private last: number[] = [0];
  varint(value: bigint): void {
    let v = value;
    while (v >= 0x80n) { this.bytes.push(Number(v & 0x7fn) | 0x80); v >>= 7n; }
    this.bytes.push(Number(v));
  }
  zigzag(value: number | bigint): void {
    const v = BigInt(value);
    this.varint(v >= 0n ? v << 1n : ((-v) << 1n) - 1n);
  }
  private header(id: number, type: number): void {
    const delta = id - this.last[this.last.length - 1];
    this.bytes.push((delta << 4) | type);
    this.last[this.last.length - 1] = id;
  }
  i32(id: number, value: number): this { this.header(id, 5); this.zigzag(value); return this; }
  i64(id: number, value: number): this { this.header(id, 6); this.zigzag(value); return this; }
  string(id: number, value: string): this { this.header(id, 8); this.binary(value); return this; }
  private binary(value: string): void { const data = Buffer.from(value); this.varint(BigInt(data.length)); this.bytes.push(...data); }
  struct(id: number, write: (body: Compact) => void): this { this.header(id, 12); this.nested(write); return this; }
  /** A list of structs (12), i32s (5) or strings (8). */
  list(id: number, type: 5 | 8 | 12, items: unknown[], write: (item: unknown, body: Compact) => void = () => undefined): this {
    this.header(id, 9);
    this.bytes.push((Math.min(items.length, 15) << 4) | type);
    if (items.length >= 15) this.varint(BigInt(items.length));
    for (const item of items) {
      if (type === 12) this.nested(() => write(item, this));
      else if (type === 5) this.zigzag(item as number);
      else this.binary(item as string);
    }
    return this;
  }
  /** The struct's bytes, with the stop byte that ends it. */
  end(): Buffer {
    return Buffer.from([...this.bytes, 0]);
  }
  private nested(write: (body: Compact) => void): void {
    this.last.push(0);
    write(this);
    this.bytes.push(0);
    this.last.pop();
  }
}

function plainValues(column: Column): Buffer {
  switch (column.type) {
    case 'INT64': return Buffer.concat(column.values.map((v) => { const b = Buffer.alloc(8); b.writeBigInt64LE(BigInt(v as number)); return b; }));
    case 'DOUBLE': return Buffer.concat(column.values.map((v) => { const b = Buffer.alloc(8); b.writeDoubleLE(v as number); return b; }));
    case 'UTF8': return Buffer.concat(column.values.map((v) => { const s = Buffer.from(v as string); const n = Buffer.alloc(4); n.writeUInt32LE(s.length); return Buffer.concat([n, s]); }));
    case 'BOOLEAN': {
      const bits = Buffer.alloc(Math.ceil(column.values.length / 8));
      column.values.forEach((v, i) => { if (v) bits[i >> 3] |= 1 << (i & 7); });
      return bits;
    }
  }
}

export function parquetFile(columns: Column[]): Buffer {
  const rows = columns[0].values.length;
  const parts: Buffer[] = [Buffer.from('PAR1')];
  let offset = 4;
  const chunks: { column: Column; offset: number; size: number }[] = [];
  for (const column of columns) {
    const data = plainValues(column);
    const header = new Compact()
      .i32(1, 0).i32(2, data.length).i32(3, data.length)
      .struct(5, (page) => page.i32(1, rows).i32(2, PLAIN).i32(3, RLE).i32(4, RLE));
    const page = Buffer.concat([header.end(), data]);
    chunks.push({ column, offset, size: page.length });
    parts.push(page);
    offset += page.length;
  }
  const metadata = new Compact()
    .i32(1, 1)
    .list(2, 12, [undefined, ...columns], (item, element) => {
      const column = item as Column | undefined;
      if (!column) { element.string(4, 'schema').i32(5, columns.length); return; }
      element.i32(1, PHYSICAL[column.type]).i32(3, REQUIRED).string(4, column.name);
      if (column.type === 'UTF8') element.i32(6, UTF8_CONVERTED);
    })
    .i64(3, rows)
    .list(4, 12, [undefined], (_, group) => {
      group.list(1, 12, chunks, (item, columnChunk) => {
        const chunk = item as (typeof chunks)[number];
        columnChunk.i64(2, chunk.offset).struct(3, (meta) => meta
          .i32(1, PHYSICAL[chunk.column.type])
          .list(2, 5, [PLAIN, RLE])
          .list(3, 8, [chunk.column.name])
          .i32(4, 0).i64(5, rows).i64(6, chunk.size).i64(7, chunk.size).i64(9, chunk.offset));
      });
      group.i64(2, offset - 4).i64(3, rows);
    });
  const footer = metadata.end();
  const length = Buffer.alloc(4);
  length.writeUInt32LE(footer.length);
  return Buffer.concat([...parts, footer, length, Buffer.from('PAR1')]);
}
