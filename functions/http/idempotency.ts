import { IdempotencyAlreadyInProgressError, IdempotencyConfig, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { dynamo, table } from '../data/client';
import { tableDef } from '../data/table-def';

// Powertools idempotency on the same table. The key is the client's Idempotency-Key;
// the route, path and body are hashed for validation, so reusing a key for another
// request is refused (422) instead of replaying the wrong answer.
let middleware: ReturnType<typeof makeHandlerIdempotent> | undefined;

export function idempotencyMiddleware(): ReturnType<typeof makeHandlerIdempotent> {
  middleware ??= guardDuplicates(powertools());
  return middleware;
}

/**
 * Powertools' onError deletes the in-progress record. When the error is that *another*
 * request holds the key (in progress, or with a different body), deleting would let the
 * next copy run the operation a second time: keep the first request's record.
 */
function guardDuplicates(inner: ReturnType<typeof makeHandlerIdempotent>): ReturnType<typeof makeHandlerIdempotent> {
  return {
    ...inner,
    onError: async (request) => {
      if (request.error instanceof IdempotencyAlreadyInProgressError || request.error instanceof IdempotencyValidationError) return;
      return inner.onError?.(request);
    },
  };
}

function powertools(): ReturnType<typeof makeHandlerIdempotent> {
  return makeHandlerIdempotent({
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName: table(),
      awsSdkV3Client: dynamo,
      keyAttr: tableDef.partitionKey,
      sortKeyAttr: tableDef.sortKey,
      staticPkValue: 'IDEMPOTENCY',
      expiryAttr: tableDef.ttlAttribute,
    }),
    config: new IdempotencyConfig({
      eventKeyJmesPath: 'headers."idempotency-key"',
      payloadValidationJmesPath: '[routeKey, pathParameters, body]',
      expiresAfterSeconds: 24 * 3600,
      throwOnNoIdempotencyKey: false,
    }),
  });
}
