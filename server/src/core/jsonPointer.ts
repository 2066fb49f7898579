// JSON Pointers (RFC 6901), the locations AWS's messages and the interpreter's errors use.
import type { JsonPath } from './validation/types';

export function escapePointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function toPointer(path: readonly (string | number)[]): string {
  return path.map((key) => `/${escapePointerSegment(key)}`).join('');
}

/** "/States/A~1B/Next" -> ['States', 'A/B', 'Next'], every segment a string. */
export function pointerSegments(pointer: string): string[] {
  return pointer ? pointer.slice(1).split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~')) : [];
}

/** "/States/P/Branches/0" -> ['States', 'P', 'Branches', 0]: digit segments become array indexes. */
export function pointerToPath(pointer: string): JsonPath {
  return pointerSegments(pointer).map((key) => (/^\d+$/.test(key) ? Number(key) : key));
}
