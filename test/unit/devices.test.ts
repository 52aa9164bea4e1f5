import { describe, expect, it } from 'vitest';
import { enrollmentState, isEnrollmentCode, makeEnrollmentCode, normaliseEnrollmentCode, parseDeviceToken, wrongCodeWindow, type Device, type Enrollment } from '../../functions/domain/devices';

const e = (over: Partial<Enrollment> = {}): Enrollment => ({ id: 'E', branchId: 'b', kind: 'kiosk', code: 'ACD479', status: 'pending', createdAt: 0, codeExpiresAt: 600_000, pollTokenHash: 'h', ...over });
const d = (over: Partial<Device> = {}): Device => ({ id: 'D', branchId: 'b', kind: 'kiosk', label: 'K', status: 'active', enrolledAt: 0, enrolledBy: 's', ...over });

describe('device enrollment rules', () => {
  it('draws codes from the look-alike-free alphabet and reads them back however typed', () => {
    let i = 0;
    const code = makeEnrollmentCode((n) => i++ % n);
    expect(isEnrollmentCode(code)).toBe(true);
    expect(normaliseEnrollmentCode('acd-479')).toBe('ACD479');
    expect(isEnrollmentCode('ACD470')).toBe(false); // 0 is not in the alphabet
  });

  it('says pending, expired, approved, delivered and revoked from the enrollment and its device', () => {
    expect(enrollmentState(e(), undefined, 1)).toBe('pending');
    expect(enrollmentState(e(), undefined, 600_000)).toBe('expired');
    expect(enrollmentState(e({ status: 'approved', deviceId: 'D' }), d(), 700_000)).toBe('approved');
    expect(enrollmentState(e({ status: 'approved', deviceId: 'D' }), d({ tokenHash: 'x' }), 1)).toBe('delivered');
    expect(enrollmentState(e({ status: 'approved', deviceId: 'D' }), d({ status: 'revoked' }), 1)).toBe('revoked');
  });

  it('reads the device id out of a well-formed token only', () => {
    expect(parseDeviceToken(`01JZZZZZZZZZZZZZZZZZZZZZZZ.${'a'.repeat(43)}`)).toEqual({ deviceId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' });
    expect(parseDeviceToken('demo-kiosk-tel-aviv-center.short')).toBeUndefined();
    expect(parseDeviceToken('no-dot')).toBeUndefined();
    expect(parseDeviceToken(`a.${'b'.repeat(300)}`)).toBeUndefined();
    expect(parseDeviceToken(undefined)).toBeUndefined();
  });

  it('counts wrong codes in 10-minute windows', () => {
    expect(wrongCodeWindow(599_999)).toBe(0);
    expect(wrongCodeWindow(600_000)).toBe(600_000);
  });
});
