// The ASL schema, as data: the fields of the top-level machine, of nested machines and of each
// state type, their JSON types and ranges, and which query language each field belongs to.
// It follows JSON Schema's vocabulary (type, enum, minimum, properties, required, $ref,
// additionalProperties) plus `x-queryLanguage` (the field exists only in that language) and
// `x-static` (never a JSONata `{% %}` expression). Deeper rules (paths, expressions, choice
// rules, transitions) live in their own modules.

import { MAX_PAYLOAD_BYTES } from '../apiLimits';

export type SchemaType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

export interface Schema {
  type?: SchemaType | readonly SchemaType[];
  enum?: readonly (string | number | boolean)[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: readonly string[];
  additionalProperties?: boolean;
  $ref?: string;
  'x-queryLanguage'?: 'JSONPath' | 'JSONata';
  'x-static'?: boolean;
}

const JSONPATH = 'JSONPath';
const JSONATA = 'JSONata';

const any: Schema = {};
const text: Schema = { type: 'string' };
const staticText: Schema = { type: 'string', 'x-static': true };
const comment: Schema = { type: 'string', 'x-static': true };
const queryLanguage: Schema = { type: 'string', enum: [JSONPATH, JSONATA], 'x-static': true };
const path: Schema = { type: ['string', 'null'], 'x-queryLanguage': JSONPATH };
const pathOnly: Schema = { type: 'string', 'x-queryLanguage': JSONPATH };
const payload: Schema = { 'x-queryLanguage': JSONPATH };
const jsonataValue: Schema = { 'x-queryLanguage': JSONATA };
const assign: Schema = { type: 'object' };
/** Seconds fields: a positive integer up to AWS's limit. */
const seconds: Schema = { type: 'integer', minimum: 1, maximum: 99999999 };

const transition = {
  Next: { type: 'string', 'x-static': true, minLength: 1 },
  End: { type: 'boolean', 'x-static': true },
} satisfies Record<string, Schema>;

const common = {
  Type: staticText,
  Comment: comment,
  QueryLanguage: queryLanguage,
} satisfies Record<string, Schema>;

const inputOutput = {
  InputPath: path,
  OutputPath: path,
  Output: jsonataValue,
} satisfies Record<string, Schema>;

const result = {
  Parameters: payload,
  ResultSelector: payload,
  ResultPath: path,
  Arguments: jsonataValue,
  Assign: assign,
} satisfies Record<string, Schema>;

const errorHandling = {
  Retry: { type: 'array', items: { $ref: 'retrier' } },
  Catch: { type: 'array', items: { $ref: 'catcher' } },
} satisfies Record<string, Schema>;

const machineFields = {
  StartAt: { type: 'string', 'x-static': true },
  States: { type: 'object', 'x-static': true },
  Comment: comment,
} satisfies Record<string, Schema>;

const resourceWithArguments = (extra: Record<string, Schema>): Schema => ({
  type: 'object',
  properties: { Resource: text, Parameters: payload, Arguments: jsonataValue, ...extra },
  additionalProperties: false,
});

export const definitions: Record<string, Schema> = {
  machine: {
    type: 'object',
    properties: {
      ...machineFields,
      Version: { type: 'string', 'x-static': true },
      TimeoutSeconds: { type: 'integer', minimum: 0, maximum: 99999999, 'x-static': true },
      QueryLanguage: queryLanguage,
    },
    required: ['States', 'StartAt'],
    additionalProperties: false,
  },
  branch: { type: 'object', properties: machineFields, required: ['StartAt', 'States'], additionalProperties: false },
  itemProcessor: {
    type: 'object',
    properties: {
      ...machineFields,
      ProcessorConfig: {
        type: 'object',
        properties: {
          Mode: { type: 'string', enum: ['INLINE', 'DISTRIBUTED'], 'x-static': true },
          ExecutionType: { type: 'string', enum: ['STANDARD', 'EXPRESS'], 'x-static': true },
        },
        additionalProperties: false,
      },
    },
    required: ['StartAt', 'States'],
    additionalProperties: false,
  },
  retrier: {
    type: 'object',
    properties: {
      ErrorEquals: { type: 'array', minItems: 1, items: staticText, 'x-static': true },
      IntervalSeconds: { ...seconds, 'x-static': true },
      MaxAttempts: { type: 'integer', minimum: 0, maximum: 99999999, 'x-static': true },
      BackoffRate: { type: 'number', minimum: 1, 'x-static': true },
      MaxDelaySeconds: { type: 'integer', minimum: 1, maximum: 31622400, 'x-static': true },
      JitterStrategy: { type: 'string', enum: ['FULL', 'NONE'], 'x-static': true },
      Comment: comment,
    },
    required: ['ErrorEquals'],
    additionalProperties: false,
  },
  catcher: {
    type: 'object',
    properties: {
      ErrorEquals: { type: 'array', minItems: 1, items: staticText, 'x-static': true },
      Next: transition.Next,
      ResultPath: path,
      Output: jsonataValue,
      Assign: assign,
      Comment: comment,
    },
    required: ['ErrorEquals', 'Next'],
    additionalProperties: false,
  },
  // AWS reports only the missing RoleArn of `{"InvalidField": ...}` (credentials/test_credentials_base
  // .test_invalid_credentials_field_INVALID_CREDENTIALS_FIELD): other fields are not refused.
  credentials: {
    type: 'object',
    properties: { RoleArn: text, 'RoleArn.$': { type: 'string', 'x-queryLanguage': JSONPATH } },
  },
};

/** The fields of each state type. */
export const stateSchemas: Record<string, Schema> = {
  Pass: {
    properties: { ...common, ...transition, ...inputOutput, Parameters: payload, ResultPath: path, Result: payload, Assign: assign },
  },
  Task: {
    properties: {
      ...common, ...transition, ...inputOutput, ...result, ...errorHandling,
      Resource: { type: 'string' },
      TimeoutSeconds: seconds,
      TimeoutSecondsPath: pathOnly,
      HeartbeatSeconds: seconds,
      HeartbeatSecondsPath: pathOnly,
      Credentials: { $ref: 'credentials' },
    },
    required: ['Resource'],
  },
  Choice: {
    properties: { ...common, ...inputOutput, Choices: { type: 'array', minItems: 1, 'x-static': true }, Default: { type: 'string', 'x-static': true }, Assign: assign },
    required: ['Choices'],
  },
  Wait: {
    properties: {
      ...common, ...transition, ...inputOutput, Assign: assign,
      Seconds: { type: 'integer', minimum: 0, maximum: 99999999 },
      SecondsPath: pathOnly,
      Timestamp: text,
      TimestampPath: pathOnly,
    },
  },
  Succeed: { properties: { ...common, ...inputOutput } },
  Fail: {
    properties: { ...common, Error: text, Cause: text, ErrorPath: pathOnly, CausePath: pathOnly },
  },
  Parallel: {
    properties: { ...common, ...transition, ...inputOutput, ...result, ...errorHandling, Branches: { type: 'array', minItems: 1, items: { $ref: 'branch' }, 'x-static': true } },
    required: ['Branches'],
  },
  Map: {
    properties: {
      ...common, ...transition, ...inputOutput, ...errorHandling,
      Parameters: payload,
      ResultSelector: payload,
      ResultPath: path,
      Assign: assign,
      ItemProcessor: { $ref: 'itemProcessor' },
      Iterator: { $ref: 'itemProcessor' },
      ItemsPath: pathOnly,
      Items: { 'x-queryLanguage': JSONATA },
      ItemSelector: any,
      ItemReader: {
        ...resourceWithArguments({
          // The Distributed Map launches of 2025 (the Developer Guide's ItemReader page).
          ReaderConfig: {
            type: 'object',
            properties: {
              InputType: { type: 'string', enum: ['CSV', 'JSON', 'JSONL', 'PARQUET', 'MANIFEST'], 'x-static': true },
              CSVHeaderLocation: { type: 'string', enum: ['FIRST_ROW', 'GIVEN'], 'x-static': true },
              CSVHeaders: { type: 'array', items: { type: 'string' } },
              CSVDelimiter: { type: 'string', enum: ['COMMA', 'PIPE', 'SEMICOLON', 'SPACE', 'TAB'], 'x-static': true },
              ManifestType: { type: 'string', enum: ['ATHENA_DATA', 'S3_INVENTORY'], 'x-static': true },
              Transformation: { type: 'string', enum: ['NONE', 'LOAD_AND_FLATTEN'], 'x-static': true },
              ItemsPointer: staticText,
              MaxItems: { type: 'integer', minimum: 0, maximum: 100_000_000 },
              MaxItemsPath: pathOnly,
            },
            additionalProperties: false,
          },
        }),
        required: ['Resource'],
      },
      ItemBatcher: {
        type: 'object',
        properties: {
          MaxItemsPerBatch: { type: 'integer', minimum: 0 },
          MaxItemsPerBatchPath: pathOnly,
          MaxInputBytesPerBatch: { type: 'integer', minimum: 0, maximum: MAX_PAYLOAD_BYTES },
          MaxInputBytesPerBatchPath: pathOnly,
          BatchInput: any,
        },
        additionalProperties: false,
      },
      ResultWriter: resourceWithArguments({
        WriterConfig: {
          type: 'object',
          properties: {
            Transformation: { type: 'string', enum: ['NONE', 'COMPACT', 'FLATTEN'], 'x-static': true },
            OutputType: { type: 'string', enum: ['JSON', 'JSONL'], 'x-static': true },
          },
          additionalProperties: false,
        },
      }),
      MaxConcurrency: { type: 'integer', minimum: 0 },
      MaxConcurrencyPath: pathOnly,
      ToleratedFailurePercentage: { type: 'number', minimum: 0, maximum: 100 },
      ToleratedFailurePercentagePath: pathOnly,
      ToleratedFailureCount: { type: 'integer', minimum: 0 },
      ToleratedFailureCountPath: pathOnly,
      Label: text,
    },
  },
};

export const stateTypes = Object.keys(stateSchemas);
