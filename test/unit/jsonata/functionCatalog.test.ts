import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import jsonata from 'jsonata';
import { awsFunctionBindings, awsJsonataFunctionNames } from '../../../server/src/core/jsonata/awsFunctions';
import { jsonataFunctionCatalog, jsonataFunctionLabel } from '../../../server/src/core/jsonata/functionCatalog';

describe('jsonataFunctionCatalog', () => {
  it('lists exactly the functions a Step Functions expression can name', async () => {
    const names = jsonataFunctionCatalog.map((fn) => fn.name);
    assert.equal(new Set(names).size, names.length, 'no duplicates');
    const expression = jsonata(`[${names.map((name) => `$type(${name})`).join(', ')}]`);
    const types = (await expression.evaluate({}, awsFunctionBindings)) as string[];
    const notFunctions = names.filter((name, i) => types[i] !== 'function');
    assert.deepEqual(notFunctions, ['$eval'], 'every listed name is callable except $eval');
    for (const name of awsJsonataFunctionNames) assert.ok(names.includes(`$${name}`), name);
  });

  it('covers every built-in of the installed JSONata', async () => {
    const source = require('fs').readFileSync(require.resolve('jsonata'), 'utf8') as string;
    const builtIns = [...source.matchAll(/staticFrame\.bind\('(\w+)'/g)].map((m) => `$${m[1]}`);
    const listed = new Set(jsonataFunctionCatalog.map((fn) => fn.name));
    assert.deepEqual(builtIns.filter((name) => !listed.has(name)), []);
  });

  it('marks $eval unavailable and labels signatures', () => {
    const unavailable = jsonataFunctionCatalog.filter((fn) => !fn.available).map((fn) => fn.name);
    assert.deepEqual(unavailable, ['$eval']);
    const random = jsonataFunctionCatalog.find((fn) => fn.name === '$random')!;
    assert.equal(jsonataFunctionLabel(random), '$random(seed?)');
    assert.equal(random.origin, 'aws');
    assert.equal(jsonataFunctionLabel(jsonataFunctionCatalog.find((fn) => fn.name === '$substring')!), '$substring(str, start, length?)');
  });
});
