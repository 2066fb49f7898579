// Syntax colouring of a definition (JSON or YAML) for the execution view's Definition tab: a small
// scanner that splits the text into tokens, their concatenation being the text exactly. It never
// fails: what it does not recognise is plain text.

export type TokenKind = 'key' | 'string' | 'number' | 'literal' | 'comment' | 'punctuation' | 'plain';
export interface Token { kind: TokenKind; text: string }

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const YAML_NUMBER = /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|0x[\da-fA-F]+|0o[0-7]+|\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN)$/;
const YAML_LITERAL = /^(?:true|false|True|False|TRUE|FALSE|null|Null|NULL|~)$/;

export function tokenize(text: string, language: 'json' | 'yaml'): Token[] {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, part: string) => {
    if (!part) return;
    const last = tokens[tokens.length - 1];
    if (last?.kind === kind) last.text += part;
    else tokens.push({ kind, text: part });
  };
  if (language === 'json') scanJson(text, push);
  else scanYaml(text, push);
  return tokens;
}

type Push = (kind: TokenKind, text: string) => void;

// A string followed by a colon is a key; an unterminated string runs to the end of its line.
const JSON_TOKEN = /("(?:[^"\\\n]|\\.)*"?)(?=(\s*:)?)|(-?\d[\d.eE+-]*)|(true|false|null)\b|([{}[\],:])|(\s+)|([^\s"{}[\],:]+)/y;

function scanJson(text: string, push: Push): void {
  JSON_TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (JSON_TOKEN.lastIndex < text.length && (match = JSON_TOKEN.exec(text))) {
    const [, string, colon, number, literal, punctuation, space, other] = match;
    if (string !== undefined) push(colon ? 'key' : 'string', string);
    else if (number !== undefined) push(NUMBER.test(number) ? 'number' : 'plain', number);
    else if (literal !== undefined) push('literal', literal);
    else if (punctuation !== undefined) push('punctuation', punctuation);
    else push('plain', space ?? other);
  }
}

// key: at the start of a line (after indentation and "- " sequence markers), quoted or plain.
const YAML_KEY = /^(\s*(?:-(?:\s+|$))*)("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#"'[\]{},&*!|>%@`-][^#]*?|-[^\s#][^#]*?)(\s*:)(?=\s|$)/;
const YAML_ITEM = /^(\s*(?:-(?:\s+|$))*)/;
// A value's pieces: comments, quoted strings, flow punctuation, anchors, aliases and tags, and scalars up to the next of these (or a flow key's colon).
const YAML_VALUE = /(\s+)|(#.*)|("(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?)|([[\]{},:])|([&*!][^\s[\]{},]*)|([|>][-+0-9]*)|([^\s[\]{},#][^[\]{},#]*?(?=\s*(?:[[\]{},]|:(?:\s|$)|\s#|$)))/y;

function scanYaml(text: string, push: Push): void {
  let blockIndent: number | undefined;
  for (const line of text.split(/(?<=\n)/)) {
    const body = line.replace(/\r?\n$/, '');
    const indent = body.length - body.trimStart().length;
    // The lines of a block scalar (| or >) are text, as far as they are indented more than its key.
    if (blockIndent !== undefined) {
      if (body.trim() === '' || indent > blockIndent) {
        push('string', line);
        continue;
      }
      blockIndent = undefined;
    }
    if (/^\s*#/.test(body) || /^(?:---|\.\.\.)(?:\s|$)/.test(body)) {
      push(body.trimStart().startsWith('#') ? 'comment' : 'punctuation', body);
      push('plain', line.slice(body.length));
      continue;
    }
    const key = YAML_KEY.exec(body);
    let rest = body;
    if (key) {
      const [whole, prefix, name, colon] = key;
      pushItemMarkers(prefix, push);
      push('key', name);
      push('punctuation', colon);
      rest = body.slice(whole.length);
    } else {
      const [prefix] = YAML_ITEM.exec(body)!;
      pushItemMarkers(prefix, push);
      rest = body.slice(prefix.length);
    }
    if (scanYamlValue(rest, push)) blockIndent = indent;
    push('plain', line.slice(body.length));
  }
}

function pushItemMarkers(prefix: string, push: Push): void {
  for (const part of prefix.split(/(-)/)) push(part === '-' ? 'punctuation' : 'plain', part);
}

/** Pushes the tokens of a value; true when it opens a block scalar. */
function scanYamlValue(value: string, push: Push): boolean {
  let block = false;
  for (let position = 0; position < value.length; position = YAML_VALUE.lastIndex) {
    YAML_VALUE.lastIndex = position;
    const match = YAML_VALUE.exec(value);
    if (!match) {
      // A scalar with a "#" inside it (not a comment): the rest of the value is plain text.
      push('plain', value.slice(position));
      break;
    }
    const [, space, comment, quoted, punctuation, mark, blockIndicator, scalar] = match;
    if (space !== undefined) push('plain', space);
    else if (comment !== undefined) push('comment', comment);
    else if (quoted !== undefined) push('string', quoted);
    else if (punctuation !== undefined) push('punctuation', punctuation);
    else if (mark !== undefined) push('literal', mark);
    else if (blockIndicator !== undefined) {
      push('punctuation', blockIndicator);
      block = true;
    } else {
      push(YAML_NUMBER.test(scalar) ? 'number' : YAML_LITERAL.test(scalar) ? 'literal' : 'string', scalar);
    }
  }
  return block;
}
