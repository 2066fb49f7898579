// The .vsix holds the AWS clients' bundle brotli-compressed (esbuild.js): the bundle as built, packed
// the same way, runs from its packed form and its clients reach a service (dynalite on loopback). Its
// HTTP handler loads node:http on its first request, which a script compiled from memory could not
// import() on Node 20: the bundle has it as require().
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { after, before, it } from 'node:test';
import { packedFile, requirePacked } from '../../../server/src/startup/packed';
import { TEST_CREDENTIALS } from './loopbackOnly';
import { startDynalite, type StandIn } from './standIns';

Object.assign(process.env, TEST_CREDENTIALS);
/** As the development build leaves it (`npm run build`). */
const BUNDLE = path.resolve(__dirname, '../../../../dist/awsClients.js');

let dynamo: StandIn;
let folder: string;
before(async () => {
  dynamo = await startDynalite();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'packed-clients-'));
});
after(async () => {
  await dynamo.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

it('runs the AWS clients from their packed bundle, and they call the service', async () => {
  const file = path.join(folder, 'awsClients.js');
  fs.writeFileSync(packedFile(file), zlib.brotliCompressSync(fs.readFileSync(BUNDLE)));
  const { clients } = requirePacked(file) as typeof import('../../../server/src/execution/aws/awsClients');
  const { module, client: DynamoDBClient } = clients.dynamodb;
  const client = new DynamoDBClient({ endpoint: dynamo.url });
  try {
    await client.send(new module.CreateTableCommand({
      TableName: 'Packed', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST',
    }));
    const listed = await client.send(new module.ListTablesCommand({}));
    assert.deepEqual(listed.TableNames, ['Packed']);
  } finally {
    client.destroy();
  }
});
