import { describe, expect, it } from 'vitest';
import { stampCorrelation } from '../../../functions/data/client';
import { isWellFormedCorrelationId } from '../../../functions/observability/correlation';

describe('stamping the correlation id on writes', () => {
  it('adds corrId to a put item and leaves its condition alone', () => {
    const put = { TableName: 't', Item: { pk: 'P', sk: 'S', n: 1 }, ConditionExpression: 'attribute_not_exists(pk)' };
    expect(stampCorrelation('PutItemCommand', put, 'req-12345678')).toEqual({ ...put, Item: { pk: 'P', sk: 'S', n: 1, corrId: 'req-12345678' } });
  });

  it("joins an update's SET clause, or adds one to an ADD-only update", () => {
    const set = stampCorrelation('UpdateItemCommand', { Key: { pk: 'P', sk: 'S' }, UpdateExpression: 'SET #s = :s REMOVE gsi1pk', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'ready' } }, 'req-12345678');
    expect(set.UpdateExpression).toBe('SET #corrIdAttr = :corrIdValue, #s = :s REMOVE gsi1pk');
    expect(set.ExpressionAttributeNames).toEqual({ '#s': 'status', '#corrIdAttr': 'corrId' });
    expect(set.ExpressionAttributeValues).toEqual({ ':s': 'ready', ':corrIdValue': 'req-12345678' });
    const add = stampCorrelation('UpdateItemCommand', { Key: { pk: 'P', sk: 'S' }, UpdateExpression: 'ADD #n :one', ExpressionAttributeNames: { '#n': 'n' }, ExpressionAttributeValues: { ':one': 1 } }, 'req-12345678');
    expect(add.UpdateExpression).toBe('ADD #n :one SET #corrIdAttr = :corrIdValue');
    // A placeholder that merely contains "set" is not the SET keyword.
    expect(stampCorrelation('UpdateItemCommand', { Key: { pk: 'P' }, UpdateExpression: 'ADD #set :one' }, 'req-12345678').UpdateExpression).toBe('ADD #set :one SET #corrIdAttr = :corrIdValue');
  });

  it('stamps every put and update of a transaction and a batch, not their condition checks or deletes', () => {
    const tx = stampCorrelation(
      'TransactWriteItemsCommand',
      { TransactItems: [{ Put: { Item: { pk: 'A' } } }, { Update: { Key: { pk: 'B' }, UpdateExpression: 'SET x = :x' } }, { ConditionCheck: { Key: { pk: 'C' } } } as never, { Delete: { Key: { pk: 'D' } } } as never] },
      'req-12345678',
    );
    expect(tx.TransactItems![0]!.Put!.Item).toEqual({ pk: 'A', corrId: 'req-12345678' });
    expect(tx.TransactItems![1]!.Update!.UpdateExpression).toBe('SET #corrIdAttr = :corrIdValue, x = :x');
    expect(tx.TransactItems![2]).toEqual({ ConditionCheck: { Key: { pk: 'C' } } });
    expect(tx.TransactItems![3]).toEqual({ Delete: { Key: { pk: 'D' } } });
    const batch = stampCorrelation('BatchWriteItemCommand', { RequestItems: { t: [{ PutRequest: { Item: { pk: 'A' } } }, { DeleteRequest: { Key: { pk: 'B' } } } as never] } }, 'req-12345678');
    expect(batch.RequestItems!.t).toEqual([{ PutRequest: { Item: { pk: 'A', corrId: 'req-12345678' } } }, { DeleteRequest: { Key: { pk: 'B' } } }]);
  });

  it("leaves the raw client's marshalled writes (Powertools' idempotency records) and reads alone", () => {
    const raw = { Item: { pk: { S: 'IDEMPOTENCY' }, sk: { S: 'k' } } };
    expect(stampCorrelation('PutItemCommand', raw, 'req-12345678')).toBe(raw);
    const get = { Key: { pk: 'P' } };
    expect(stampCorrelation('GetItemCommand', get as never, 'req-12345678')).toBe(get);
  });

  it('accepts a caller id of a sane shape only', () => {
    expect(isWellFormedCorrelationId('3f0c2a9e-7a51-4c8e-9d1b-2f7f3a0c9b11')).toBe(true);
    expect(isWellFormedCorrelationId('short')).toBe(false);
    expect(isWellFormedCorrelationId('has space in it ok')).toBe(false);
    expect(isWellFormedCorrelationId('dana@example.com-0501234567')).toBe(false);
    expect(isWellFormedCorrelationId('x'.repeat(129))).toBe(false);
  });
});
