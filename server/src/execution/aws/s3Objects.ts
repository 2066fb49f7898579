// A hybrid run's Distributed Map reads its items from S3 and writes its results to S3 (ItemReader's
// s3:getObject and s3:listObjectsV2, ResultWriter's manifest and result files), with the same
// clients, endpoints and credentials as its Tasks' calls.
import type { ObjectStore, ObjectSummary } from '../../core/interpreter/api';
import type { CallAwsOptions } from '../../protocol';
import { newClient, sdkModule, type SdkClient, type SdkModule } from './awsResolver';

export function s3ObjectStore(options: CallAwsOptions): ObjectStore {
  let s3: { module: SdkModule; client: SdkClient } | undefined;
  /** One S3 call; a failure says which call and what S3 answered, as the Map's cause shows it. */
  const send = async (action: string, input: Record<string, unknown>): Promise<Record<string, any>> => {
    if (!s3) {
      const module = sdkModule('s3');
      s3 = { module, client: newClient(module, 's3', options) };
    }
    try {
      return await s3.client.send(new s3.module.commands[`${action}Command`](input));
    } catch (error) {
      throw new Error(`(S3 ${action}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)})`);
    }
  };
  return {
    async read(bucket, key) {
      const object = await send('GetObject', { Bucket: bucket, Key: key });
      return object.Body.transformToByteArray();
    },
    async write(bucket, key, texts) {
      const body = Buffer.concat(Array.from(texts, (text) => Buffer.from(text)));
      await send('PutObject', { Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' });
      return body.length;
    },
    async list(bucket, prefix) {
      const objects: ObjectSummary[] = [];
      let token: string | undefined;
      do {
        const page = await send('ListObjectsV2', { Bucket: bucket, Prefix: prefix, ContinuationToken: token });
        for (const object of page.Contents ?? []) {
          objects.push({ Etag: object.ETag, Key: object.Key, LastModified: object.LastModified.toISOString(), Size: object.Size, StorageClass: object.StorageClass ?? 'STANDARD' });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return objects;
    },
  };
}
