// Names, parameters and one-line descriptions of the functions a Step Functions JSONata expression can call:
// JSONata 2.0.6's built-ins (the version AWS runs) and AWS's additions, for completion and hover.
import { unavailableJsonataFunctions } from './awsFunctions';

export interface JsonataFunctionInfo {
  /** With the `$`, e.g. `$sum`. */
  name: string;
  /** Parameter names; `?` marks optional ones, `...` a repeated one. */
  parameters: string[];
  returns: string;
  description: string;
  origin: 'jsonata' | 'aws';
  /** False for built-ins Step Functions removes ($eval): completion omits them, hover and validation warn. */
  available: boolean;
}

type Entry = [name: string, parameters: string, returns: string, description: string];

const BUILT_INS: Entry[] = [
  // Strings
  ['string', 'arg?, prettify?', 'string', 'Casts a value to a string (JSON text for objects and arrays); prettify indents it.'],
  ['length', 'str', 'number', 'Number of characters of a string.'],
  ['substring', 'str, start, length?', 'string', 'Part of a string from a zero-based start (negative counts from the end), of an optional length.'],
  ['substringBefore', 'str, chars', 'string', 'Part of a string before the first occurrence of chars (the whole string if absent).'],
  ['substringAfter', 'str, chars', 'string', 'Part of a string after the first occurrence of chars (the whole string if absent).'],
  ['uppercase', 'str', 'string', 'Converts a string to upper case.'],
  ['lowercase', 'str', 'string', 'Converts a string to lower case.'],
  ['trim', 'str', 'string', 'Collapses whitespace to single spaces and removes it from both ends.'],
  ['pad', 'str, width, char?', 'string', 'Pads a string to width characters: right if width is positive, left if negative.'],
  ['contains', 'str, pattern', 'boolean', 'True when a string contains a substring or matches a regular expression.'],
  ['split', 'str, separator, limit?', 'array', 'Splits a string by a substring or regular expression into an array of strings.'],
  ['join', 'array, separator?', 'string', 'Joins an array of strings with an optional separator.'],
  ['match', 'str, pattern, limit?', 'array', 'Matches a regular expression: objects with match, index and groups.'],
  ['replace', 'str, pattern, replacement, limit?', 'string', 'Replaces occurrences of a substring or regular expression ($1... refer to groups).'],
  ['eval', 'expr, context?', 'any', 'Evaluates a JSONata expression given as a string.'],
  ['base64encode', 'str', 'string', 'Encodes a string in Base64 (UTF-8).'],
  ['base64decode', 'str', 'string', 'Decodes a Base64 string (UTF-8).'],
  ['encodeUrlComponent', 'str', 'string', 'Percent-encodes a URL component.'],
  ['encodeUrl', 'str', 'string', 'Percent-encodes a whole URL.'],
  ['decodeUrlComponent', 'str', 'string', 'Decodes a percent-encoded URL component.'],
  ['decodeUrl', 'str', 'string', 'Decodes a percent-encoded URL.'],
  // Numbers
  ['number', 'arg', 'number', 'Casts a string or boolean to a number.'],
  ['abs', 'number', 'number', 'Absolute value.'],
  ['floor', 'number', 'number', 'Rounds down to an integer.'],
  ['ceil', 'number', 'number', 'Rounds up to an integer.'],
  ['round', 'number, precision?', 'number', 'Rounds half to even, to an optional number of decimal places.'],
  ['power', 'base, exponent', 'number', 'base raised to the power exponent.'],
  ['sqrt', 'number', 'number', 'Square root.'],
  ['formatNumber', 'number, picture, options?', 'string', 'Formats a number with an XPath decimal-format picture, e.g. "#,##0.00".'],
  ['formatBase', 'number, radix?', 'string', 'Writes an integer in a radix from 2 to 36.'],
  ['formatInteger', 'number, picture', 'string', 'Writes an integer with an XPath picture (words, Roman numerals...).'],
  ['parseInteger', 'string, picture', 'number', 'Reads an integer written with an XPath picture.'],
  // Aggregation
  ['sum', 'array', 'number', 'Sum of an array of numbers.'],
  ['max', 'array', 'number', 'Largest number of an array.'],
  ['min', 'array', 'number', 'Smallest number of an array.'],
  ['average', 'array', 'number', 'Mean of an array of numbers.'],
  // Booleans
  ['boolean', 'arg', 'boolean', 'Casts a value to a boolean (empty strings, arrays, objects and 0 are false).'],
  ['not', 'arg', 'boolean', 'Boolean negation of a value.'],
  ['exists', 'arg', 'boolean', 'True when the expression has a value.'],
  // Arrays
  ['count', 'array', 'number', 'Number of items of an array.'],
  ['append', 'array1, array2', 'array', 'Concatenates two arrays (or values).'],
  ['sort', 'array, function?', 'array', 'Sorts an array, with an optional function(left, right) returning true to swap.'],
  ['reverse', 'array', 'array', 'The array in reverse order.'],
  ['shuffle', 'array', 'array', 'The array in random order.'],
  ['distinct', 'array', 'array', 'The array without duplicates.'],
  ['zip', '...arrays', 'array', 'Convolves arrays: [[a1, b1], [a2, b2], ...].'],
  // Objects
  ['keys', 'object', 'array', 'The keys of an object (or of every object of an array).'],
  ['lookup', 'object, key', 'any', 'The value of a key of an object.'],
  ['spread', 'object', 'array', 'An array of one-key objects, one per key.'],
  ['merge', 'array', 'object', 'Merges an array of objects into one (later keys win).'],
  ['sift', 'object, function', 'object', 'The object with only the pairs for which function(value, key) is true.'],
  ['each', 'object, function', 'array', 'Results of function(value, key) for every pair of an object.'],
  ['error', 'message?', 'never', 'Fails the evaluation with a message.'],
  ['assert', 'condition, message?', 'undefined', 'Fails the evaluation with a message when the condition is false.'],
  ['type', 'value', 'string', 'The type of a value: null, number, string, boolean, array, object or function.'],
  ['clone', 'value', 'any', 'A deep copy of an object or array.'],
  // Date and time
  ['now', 'picture?, timezone?', 'string', 'The evaluation time as an ISO 8601 timestamp (or formatted with a picture).'],
  ['millis', '', 'number', 'The evaluation time in milliseconds since the Unix epoch.'],
  ['fromMillis', 'number, picture?, timezone?', 'string', 'Converts milliseconds since the epoch to an ISO 8601 timestamp (or a picture).'],
  ['toMillis', 'timestamp, picture?', 'number', 'Converts an ISO 8601 timestamp (or one read with a picture) to milliseconds since the epoch.'],
  // Higher-order
  ['map', 'array, function', 'array', 'Results of function(value, index, array) for every item.'],
  ['filter', 'array, function', 'array', 'Items for which function(value, index, array) is true.'],
  ['single', 'array, function?', 'any', 'The only item matching the function; fails if none or several match.'],
  ['reduce', 'array, function, init?', 'any', 'Folds an array with function(accumulator, value).'],
];

// AWS's additions ($random replaces JSONata's, which takes no seed).
const AWS_ADDITIONS: Entry[] = [
  ['partition', 'array, chunkSize', 'array', 'Step Functions: splits an array into chunks of chunkSize items.'],
  ['range', 'start, end, step', 'array', 'Step Functions: numbers from start to end (included when a step lands on it) by step.'],
  ['hash', 'data, algorithm', 'string', 'Step Functions: hex digest of a string with MD5, SHA-1, SHA-256, SHA-384 or SHA-512.'],
  ['random', 'seed?', 'number', 'Step Functions: a random number in [0, 1); with an integer seed, always the same one.'],
  ['uuid', '', 'string', 'Step Functions: a new random version 4 UUID.'],
  ['parse', 'jsonString', 'any', 'Step Functions: parses JSON text into a value (the way to read JSON strings, as $eval is unavailable).'],
];

function toInfo([name, parameters, returns, description]: Entry, origin: JsonataFunctionInfo['origin']): JsonataFunctionInfo {
  return {
    name: `$${name}`,
    parameters: parameters ? parameters.split(', ') : [],
    returns,
    description,
    origin,
    available: !unavailableJsonataFunctions.includes(name),
  };
}

export const jsonataFunctionCatalog: readonly JsonataFunctionInfo[] = [
  ...BUILT_INS.map((entry) => toInfo(entry, 'jsonata')),
  ...AWS_ADDITIONS.map((entry) => toInfo(entry, 'aws')),
];

/** `$name(a, b?)` as shown in completion details and hover. */
export function jsonataFunctionLabel(fn: JsonataFunctionInfo): string {
  return `${fn.name}(${fn.parameters.join(', ')})`;
}
