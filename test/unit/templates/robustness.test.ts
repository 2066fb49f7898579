// Nothing a user types into a template crashes or hangs the language server: mutated templates of
// every kind are scanned, analysed and served without throwing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getLanguageService } from '../../../server/src/languageService';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/templates');
const TEMPLATES = [
  'serverless-patterns/sfn-tasktoken-lambda/main.tf', 'serverless-patterns/sfn-sns-tf/main.tf', 'serverless-patterns/sfn-sqs/template.yaml',
  'serverless-patterns/lambda-sfn-sls/serverless.yml', 'step-functions-workflows-collection/call-microservice-apigw/template.yml',
  'step-functions-workflows-collection/scatter-gather/cdk.out/ScatterGatherStack.template.json',
];
/** What typing inserts that matters to a template's reading: brackets, quotes, escapes, placeholders, tags, heredocs. */
const PIECES = ['{', '}', '[', ']', '"', "'", '\\', '\n', ' ', '$', '${', '#{', '!Sub ', '!GetAtt ', '#', ':', ',', '=', '<<EOF\n', 'EOF', '|', '- ', '&a', '*a', '\t'];

test('mutated templates are served without an exception', async () => {
  // A fixed sequence (a linear congruential generator): the same mutations on every run.
  let seed = 7;
  const random = (below: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % below;
  const service = getLanguageService();
  let served = 0;
  for (let run = 0; run < 150; run++) {
    const file = TEMPLATES[run % TEMPLATES.length];
    let text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
    for (let edit = 0, edits = 1 + random(4); edit < edits; edit++) {
      const at = random(text.length + 1);
      const kind = random(3);
      text = kind === 0 ? text.slice(0, at) + PIECES[random(PIECES.length)] + text.slice(at)
        : kind === 1 ? text.slice(0, at) + text.slice(at + 1 + random(20)) : text.slice(0, at) + text.slice(random(text.length));
    }
    const uri = `file:///robustness/${path.basename(file)}`;
    const template = service.analyzeTemplate(uri, text, () => undefined);
    if (!template) continue;
    await template.diagnostics();
    for (const machine of template.machines) {
      await service.analyze({ uri: machine.uri, text }).compiled();
      template.hover({ line: random(60), character: random(60) });
    }
    template.symbols((machine) => service.findDocumentSymbols(machine.analysis.document));
    served++;
  }
  assert.ok(served > 50, `${served} of 150 mutated texts still held a machine`);
});
