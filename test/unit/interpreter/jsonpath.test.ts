// JSONPath as AWS evaluates it: Jayway JsonPath. The cases follow Jayway's documented behaviour (its README
// and its own tests, e.g. MultiPropTest) and the path forms published AWS samples use.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { compilePath, compileReferencePath, MISSING } from '../../../server/src/core/interpreter/jsonpath';
import { execute, single } from './helpers';

const select = (path: string, root: unknown): unknown => compilePath(path).select(root);

test('a dot before a bracket is nothing, not a deep scan', () => {
  const root = { items: [{ id: 1, nested: [{ id: 2 }] }, { id: 3 }] };
  assert.equal(select('$.items.[0].id', root), 1);
  assert.deepEqual(select('$.[0]', [[5], 6]), [5]);
  assert.equal(compilePath('$.items.[0].id').definite, true);
  assert.deepEqual(select('$.items.[*].id', root), [1, 3]);
  assert.deepEqual(select("$.items.['0']", { items: { 0: 'zero' } }), 'zero');
  // Two dots are still a deep scan.
  assert.deepEqual(select('$..[0].id', root), [1, 2]);
});

test('a multi-name bracket at the end merges the names into one object (definite upstream)', () => {
  const root = { a: 'a-val', b: 'b-val', c: 'c-val' };
  assert.deepEqual(select("$['a', 'b']", root), { a: 'a-val', b: 'b-val' });
  // Absent names are skipped.
  assert.deepEqual(select("$['a', 'd']", root), { a: 'a-val' });
  assert.equal(compilePath("$['a', 'b']").definite, true);
  assert.equal(compilePath("$['a', 'b']").reference, false);
  assert.equal(compilePath("$['a', 'b']").select([1]), MISSING);
});

test('a multi-name bracket at the end of an indefinite path gives one merged object per match', () => {
  const root = [{ bucket: 'b1', key: 'k1', size: 1 }, { bucket: 'b2', key: 'k2' }, 'not an object'];
  assert.deepEqual(select("$.[*].['bucket','key']", root), [{ bucket: 'b1', key: 'k1' }, { bucket: 'b2', key: 'k2' }]);
  assert.deepEqual(select("$[*]['bucket', 'key']", root), [{ bucket: 'b1', key: 'k1' }, { bucket: 'b2', key: 'k2' }]);
});

test('a multi-name bracket before the end iterates over the names (indefinite)', () => {
  const root = { a: { v: 5 }, b: { v: 4 }, c: { v: 1, flag: true } };
  assert.deepEqual(select("$['a', 'c'].v", root), [5, 1]);
  assert.deepEqual(select("$['d', 'a', 'c', 'm'].v", root), [5, 1]);
  assert.deepEqual(select("$['a', 'c'][?(@.flag)].v", { a: [{ v: 5 }], c: [{ v: 1, flag: true }] }), [1]);
  assert.deepEqual(select("$.x[1]['a', 'c'].v", { x: [null, root] }), [5, 1]);
});

test('spaces after a path are ignored; a space inside a dotted name is refused', () => {
  assert.equal(select('$.a ', { a: 1 }), 1);
  assert.deepEqual(select('$.a[*] ', { a: [1, 2] }), [1, 2]);
  assert.throws(() => compilePath('$.a b'), /Use bracket notation/);
  assert.equal(select("$['a b']", { 'a b': 2 }), 2);
});

test('in a bracket, only the escaped delimiter is unescaped (recorded: ESCAPE_SEQUENCES_JSONPATH)', () => {
  assert.equal(select(`$['Test\\""Name"']`, { 'Test\\""Name"': 1 }), 1);
  assert.deepEqual(select(`$['it\\'s', 'b']`, { "it's": 1, b: 2 }), { "it's": 1, b: 2 });
});

test('a negative index counts from the end and selects one value', () => {
  assert.equal(select('$.a[-1]', { a: [1, 2, 3] }), 3);
  assert.equal(compilePath('$.a[-1]').definite, true);
  assert.equal(select('$.a[-4]', { a: [1, 2, 3] }), MISSING);
  assert.throws(() => compileReferencePath('$.a[-1]'), /reference path/);
});

test('filters: quoted, double-quoted, numeric, boolean and null literals; a bare word is refused', () => {
  const root = { users: [{ status: 'active', n: 1, ok: true }, { status: 'gone', n: 2, ok: false, x: null }] };
  assert.deepEqual(select("$.users[?(@.status == 'active')].n", root), [1]);
  assert.deepEqual(select('$.users[?(@.status == "active")].n', root), [1]);
  assert.deepEqual(select('$.users[?(@.n > 1)].n', root), [2]);
  assert.deepEqual(select('$.users[?(@.ok == true)].n', root), [1]);
  assert.deepEqual(select('$.users[?(@.status)].n', root), [1, 2]);
  assert.throws(() => compilePath('$.users[?(@.status == active)]'), /Could not compile inline filter/);
});

// Jayway's README (its store document, the operator table) and its FilterTest and InlineFilterTest.
const STORE = {
  store: {
    book: [
      { category: 'reference', author: 'Nigel Rees', title: 'Sayings of the Century', price: 8.95, sizes: ['S'] },
      { category: 'fiction', author: 'Evelyn Waugh', title: 'Sword of Honour', price: 12.99, sizes: ['M', 'L'] },
      { category: 'fiction', author: 'Herman Melville', isbn: '0-553-21311-3', price: 8.99, sizes: [] },
      { category: 'fiction', author: 'J. R. R. Tolkien', isbn: '0-395-19395-8', price: 22.99, sizes: ['S', 'M', 'L'] },
    ],
    bicycle: { color: 'red', price: 19.95 },
  },
  expensive: 10,
};

test('filters evaluate as Jayway evaluates them: its word operators, regexes, existence and type rules', () => {
  const authors = (filter: string) => select(`$.store.book[?(${filter})].author`, STORE);
  assert.deepEqual(authors("@.category in ['reference', 'tales']"), ['Nigel Rees']);
  assert.deepEqual(authors('@.category nin ["fiction"]'), ['Nigel Rees']);
  assert.deepEqual(authors('@.author =~ /.*REES/i'), ['Nigel Rees']);
  assert.deepEqual(authors('@.author =~ /Rees/'), [], 'a pattern matches the whole text');
  assert.deepEqual(authors("@.sizes subsetof ['S', 'M']"), ['Nigel Rees', 'Herman Melville']);
  assert.deepEqual(authors("@.sizes anyof ['M', 'X']"), ['Evelyn Waugh', 'J. R. R. Tolkien']);
  assert.deepEqual(authors("@.sizes noneof ['M', 'L']"), ['Nigel Rees', 'Herman Melville']);
  assert.deepEqual(authors('@.sizes size 2'), ['Evelyn Waugh']);
  assert.deepEqual(authors('@.sizes empty true'), ['Herman Melville']);
  assert.deepEqual(authors('@.isbn'), ['Herman Melville', 'J. R. R. Tolkien']);
  assert.deepEqual(authors('!@.isbn'), ['Nigel Rees', 'Evelyn Waugh']);
  assert.deepEqual(authors('@.price < $.expensive && !(@.category == "reference")'), ['Herman Melville']);
  assert.deepEqual(authors("'reference' == @.category"), ['Nigel Rees']);
  assert.deepEqual(authors('/reference/ =~ @.category'), ['Nigel Rees']);
  // FilterTest: a number equals the string of it, === compares types too; < compares numbers with numbers only.
  assert.deepEqual(select("$[?(@.v == '5')]", [{ v: 5 }, { v: '5' }]), [{ v: 5 }, { v: '5' }]);
  assert.deepEqual(select("$[?(@.v === '5')]", [{ v: 5 }, { v: '5' }]), [{ v: '5' }]);
  assert.deepEqual(select("$[?(@.v < '7')]", [{ v: 5 }, { v: '5' }]), [{ v: '5' }]);
  // InlineFilterTest: `@` alone exists for every item, null included; a pattern matches any item of a list.
  assert.deepEqual(select('$[?(!@.a)]', [{ a: null }, { b: 1 }]), [{ b: 1 }]);
  // The Developer Guide's *Paths*: `@` matches objects only, not scalar values (Jayway would keep 0, 1, 2 here).
  assert.deepEqual(select('$[?(@ != null)]', [0, 1, null, 2, { a: 1 }]), [{ a: 1 }]);
  assert.deepEqual(select('$.jar[?(@.a >= 5)]', { jar: [{ a: 1 }, { a: 5 }, { a: 2 }, { a: 7 }, { a: 3 }] }), [{ a: 5 }, { a: 7 }]);
  assert.deepEqual(select('$[?(@.book[*].category =~ /REFERENCE/i)].expensive', [{ book: STORE.store.book, expensive: 1 }, { book: [], expensive: 2 }]), [1]);
  // A filter on an object keeps the object when it matches; after a deep scan, every object that matches.
  assert.deepEqual(select('$.store[?(@.bicycle.color == "red")].bicycle.price', STORE), [19.95]);
  assert.deepEqual(select('$..[?(@.price > 20)].price', STORE), [22.99]);
  for (const path of ['$.a[?(@.b in)]', '$.a[?(@.b == {1})]', '$.a[?(true)]', '$.a[?(@.b ~= 1)]', '$.a[?(@.b.length() > 1)]']) {
    assert.throws(() => compilePath(path), /Could not compile inline filter/, path);
  }
});

test('malformed paths are refused as Jayway refuses them', () => {
  for (const path of ['$.', '$.a.', '$...a', '$.a[', "$['a'", '$.a[x]', '$abc', '$.a[?(@.b]', '$.a[*x]']) {
    assert.throws(() => compilePath(path), Error, path);
  }
});

test('definite paths still report what is missing in AWS wording', () => {
  assert.equal(compilePath('$.a.b').explainMissing({}), "Missing property in path $['a']");
  assert.equal(compilePath('$.a.b').explainMissing({ a: {} }), "No results for path: $['a']['b']");
});

test('the path forms hold in every field that takes a path', async () => {
  const result = await execute({
    StartAt: 'P',
    States: {
      P: {
        Type: 'Pass', InputPath: '$.in.[0] ',
        Parameters: { 'pair.$': "$['x', 'y']", 'list.$': '$.list.[*]', 'first.$': 'States.ArrayGetItem($.list.[*], 0)', 'name.$': "$$.State.['Name']" },
        Next: 'C',
      },
      C: { Type: 'Choice', Choices: [{ Variable: '$.list.[0] ', NumericEquals: 7, Next: 'M' }], Default: 'F' },
      M: {
        Type: 'Map', ItemsPath: "$.pair.['x']", ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } },
        ResultSelector: { 'items.$': '$.[*]', 'name.$': '$.[0]' }, End: true,
      },
      F: { Type: 'Fail' },
    },
  }, { in: [{ x: [1, 2], y: 2, list: [7] }] });
  assert.equal(result.status, 'SUCCEEDED');
  assert.deepEqual(result.output, { items: [1, 2], name: 1 });
  const pass = await execute(single({ Type: 'Pass', InputPath: '$.in.[0] ', Parameters: { 'pair.$': "$['x', 'y']", 'first.$': 'States.ArrayGetItem($.list.[*], 0)', 'name.$': "$$.State.['Name']" } }),
    { in: [{ x: [1], y: 2, list: [7] }] });
  assert.deepEqual(pass.output, { pair: { x: [1], y: 2 }, first: 7, name: 'S' });
  const filtered = await execute({
    StartAt: 'M',
    States: {
      M: {
        Type: 'Map', InputPath: "$.orders[?(@.state in ['NEW', 'HELD'])]", ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } },
        ItemSelector: { 'id.$': '$$.Map.Item.Value.id', 'rush.$': 'States.ArrayLength($$.Map.Item.Value.tags[?(@.name =~ /rush.*/i)])' }, Next: 'C',
      },
      C: { Type: 'Choice', Choices: [{ Variable: '$[?(@.rush size 1)]', IsPresent: true, Next: 'Done' }], Default: 'F' },
      Done: { Type: 'Pass', Parameters: { 'rushed.$': '$[?(@.rush > 0)].id' }, End: true },
      F: { Type: 'Fail' },
    },
  }, { orders: [{ id: 1, state: 'NEW', tags: [{ name: 'Rush-hour' }] }, { id: 2, state: 'SENT', tags: [] }, { id: 3, state: 'HELD', tags: [{ name: 'late' }] }] });
  assert.equal(filtered.status, 'SUCCEEDED', filtered.cause);
  assert.deepEqual(filtered.output, { rushed: [1] });
});

test('a pattern that backtracks catastrophically still ends: the evaluation cannot hang the server or the debugger it runs in', () => {
  const items = [{ s: 'a'.repeat(64) }, { s: 'aab' }];
  assert.deepEqual(select('$[?(@.s =~ /(a+)+b/)]', items), [{ s: 'aab' }]);
  assert.deepEqual(select('$[?(@.s =~ /(A|a)*B/i)]', items), [{ s: 'aab' }]);
});

test("a pattern's i flag folds ASCII letters only, as Java's CASE_INSENSITIVE does", () => {
  const words = ['Straße', 'STRASSE', 'été', 'ÉTÉ', 'Order-7', 'order-x'];
  const matching = (pattern: string) => select(`$[?(@.w =~ ${pattern})].w`, words.map((w) => ({ w })));
  assert.deepEqual(matching('/stra(ss|ß)e/i'), ['Straße', 'STRASSE']);
  assert.deepEqual(matching('/été/i'), ['été'], 'É is not folded without UNICODE_CASE');
  assert.deepEqual(matching('/ORDER-[0-9A-C]/i'), ['Order-7']);
  assert.deepEqual(matching('/[^a-z]RDER-7/i'), [], 'a negated class folds too');
  assert.deepEqual(matching('/ORDER-\\w/i'), ['Order-7', 'order-x'], 'an escape stays itself');
  assert.deepEqual(matching('/(?<first>o)RDER-\\d/i'), ['Order-7'], "a group's name is not a pattern");
});
