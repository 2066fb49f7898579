// Who a target's credentials are (the start form's account and region), through the real SDK's
// default chain: a profile of a shared config file gives the credentials and the region. STS itself
// is a loopback responder answering GetCallerIdentity as the STS API reference documents it.
import '../aws/loopbackOnly';
import { after, before, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { targetIdentity } from '../../../server/src/execution/remote/publish';

let sts: Server;
const requests: { body: string; authorization: string }[] = [];

before(async () => {
  sts = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      requests.push({ body, authorization: String(request.headers.authorization) });
      response.writeHead(200, { 'Content-Type': 'text/xml' });
      response.end(`<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
<Arn>arn:aws:iam::111122223333:user/ada</Arn><UserId>AIDAEXAMPLE</UserId><Account>111122223333</Account>
</GetCallerIdentityResult><ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata></GetCallerIdentityResponse>`);
    });
  });
  await new Promise<void>((resolve) => sts.listen(0, '127.0.0.1', resolve));
  const folder = mkdtempSync(path.join(tmpdir(), 'asl-identity-'));
  writeFileSync(path.join(folder, 'config'), '[profile dev]\nregion = eu-west-2\n');
  writeFileSync(path.join(folder, 'credentials'), '[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = dev-secret\n');
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION']) delete process.env[name];
  Object.assign(process.env, {
    AWS_CONFIG_FILE: path.join(folder, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(folder, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${(sts.address() as AddressInfo).port}`,
  });
});
after(() => new Promise((resolve) => sts.close(resolve)));

it("names the account, identity and region of a profile's credentials", async () => {
  assert.deepEqual(await targetIdentity({ kind: 'aws', profile: 'dev' }, false), {
    label: 'AWS (profile dev)', account: '111122223333', arn: 'arn:aws:iam::111122223333:user/ada', region: 'eu-west-2', roles: [],
  });
  const [asked] = requests;
  assert.match(asked.body, /Action=GetCallerIdentity/);
  // Signed with the profile's key, for the profile's region.
  assert.match(asked.authorization, /Credential=AKIDDEV\/\d{8}\/eu-west-2\/sts\/aws4_request/);
  assert.equal((await targetIdentity({ kind: 'aws', profile: 'dev', region: 'ap-south-1' }, false) as { region: string }).region, 'ap-south-1', 'a region given wins');
});

it('says why when the credentials cannot be had', async () => {
  const missing = await targetIdentity({ kind: 'aws', profile: 'nobody', region: 'eu-west-1' }, false);
  assert.deepEqual(missing, { failure: { code: 'CredentialsProviderError', message: 'Could not load credentials from any providers' } });
});
