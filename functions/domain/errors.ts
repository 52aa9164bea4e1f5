// Domain errors: the only way rules say "no". The HTTP layer maps each to a status;
// nothing here knows about HTTP.
export interface FieldIssue {
  field: string;
  reason: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly fields?: FieldIssue[],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that breaks a schema or a rule about its shape. */
export class ValidationError extends DomainError {
  readonly code: string = 'validation_failed';
}

/** The thing does not exist, or the caller may not know it exists. */
export class NotFoundError extends DomainError {
  readonly code = 'not_found';
}

/** The move is illegal now, or someone else moved first. */
export class ConflictError extends DomainError {
  constructor(
    message: string,
    readonly code: string = 'conflict',
    fields?: FieldIssue[],
    details?: Record<string, unknown>,
  ) {
    super(message, fields, details);
  }
}

/** The request repeats an Idempotency-Key with a different body. */
export class IdempotencyMismatchError extends DomainError {
  readonly code = 'idempotency_key_reused';
}

export class UnauthorizedError extends DomainError {
  readonly code: string = 'unauthorized';
}

export class ForbiddenError extends DomainError {
  readonly code: string = 'forbidden';
}

/** A kiosk's or board's token refused: 401 (unknown, revoked) or 403 (none, wrong kind or branch), with its own code. */
export class DeviceRefusedError extends DomainError {
  constructor(
    message: string,
    readonly code: 'device_required' | 'device_unknown' | 'device_revoked' | 'device_kind' | 'device_branch',
  ) {
    super(message);
  }
  get status(): 401 | 403 {
    return this.code === 'device_unknown' || this.code === 'device_revoked' ? 401 : 403;
  }
}

export class TooManyRequestsError extends DomainError {
  readonly code: string = 'too_many_requests';
}
