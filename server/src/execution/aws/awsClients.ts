// The shipped AWS SDK clients, a bundle of their own (dist/awsClients.js) that a hybrid run loads on
// its first call: every execution's process starts without them (they would double its start-up).
// The bundle takes from each package its client, its base exception and its commands only (esbuild.js).
import * as dynamodb from '@aws-sdk/client-dynamodb';
import * as s3 from '@aws-sdk/client-s3';
import * as lambda from '@aws-sdk/client-lambda';
import * as sqs from '@aws-sdk/client-sqs';
import * as sns from '@aws-sdk/client-sns';
import * as eventbridge from '@aws-sdk/client-eventbridge';
import * as sfn from '@aws-sdk/client-sfn';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';

// The SDK warns, on a run's standard error, about SDK releases to come that need a newer Node; the
// clients bundled here are pinned, so the warning says nothing about this run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const clients = {
  dynamodb: { module: dynamodb, client: dynamodb.DynamoDBClient, serviceException: dynamodb.DynamoDBServiceException },
  s3: { module: s3, client: s3.S3Client, serviceException: s3.S3ServiceException },
  lambda: { module: lambda, client: lambda.LambdaClient, serviceException: lambda.LambdaServiceException },
  sqs: { module: sqs, client: sqs.SQSClient, serviceException: sqs.SQSServiceException },
  sns: { module: sns, client: sns.SNSClient, serviceException: sns.SNSServiceException },
  eventbridge: { module: eventbridge, client: eventbridge.EventBridgeClient, serviceException: eventbridge.EventBridgeServiceException },
  sfn: { module: sfn, client: sfn.SFNClient, serviceException: sfn.SFNServiceException },
};

/** The clients a run on AWS, a publish or a download speak through (server/src/execution/remote/). */
export const remoteClients = { sfn, sts: { STSClient, GetCallerIdentityCommand }, iam: { IAMClient, ListRolesCommand } };
