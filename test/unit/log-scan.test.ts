import { describe, expect, it } from 'vitest';
import { personalDataIn, rememberSecret, rememberSecretsIn } from '../support/log-scan';

// The scanner behind the integration suite's "no personal data in logs" check (issue 7 #5):
// it must catch what it is meant to, or that check proves nothing.
describe('the log scan', () => {
  rememberSecretsIn({ ticket: { id: '01JD0000000000000000000000' }, token: 'Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4' });
  rememberSecretsIn({ contact: { name: 'Dana Levi', phone: '+972 50 123 4567', email: 'Dana@Example.org' } });
  rememberSecret('token', 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.sig');

  it('flags a token handed out, a staff JWT, a name, and an email in any case', () => {
    const hits = personalDataIn([
      '{"level":"INFO","message":"refused","token":"Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4"}',
      'Authorization: Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.sig',
      '{"message":"for dana levi"}',
      '{"message":"sent to DANA@example.org"}',
    ]);
    expect(hits.map((h) => h.carries)).toEqual(['a token, email or name the tests used', 'a token, email or name the tests used', 'a token, email or name the tests used', 'a token, email or name the tests used']);
  });

  it('flags a phone number the tests used in another spelling, and any email address', () => {
    expect(personalDataIn(['{"to":"050-123-4567"}', '{"to":"someone@else.example"}']).map((h) => h.carries)).toEqual(['a phone number', 'an email address']);
  });

  it('lets ids, times, counts and statuses through', () => {
    expect(personalDataIn(['{"level":"INFO","message":"Request refused","status":409,"route":"POST /api/branches/{branchId}/tickets","ticketId":"01JD0000000000000000000000","timestamp":"2026-11-23T13:49:39.953Z","function_request_id":"e91e7ccc-1732-44ef-adae-1d0fe18b0a76"}'])).toEqual([]);
  });
});
