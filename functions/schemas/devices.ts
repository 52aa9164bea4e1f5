import { z } from 'zod';
import { deviceKinds } from '../domain/devices';
import { epochMs, slug, ulidId } from './common';

// Kiosks and boards (issue 7): enrollment by a code a manager confirms, then a device token.
const kind = z.enum(deviceKinds);
const label = z.string().trim().min(1).max(60);

export const deviceParams = z.object({ branchId: slug, deviceId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a device id') });
export const enrollmentParams = z.object({ enrollmentId: ulidId });

export const startEnrollmentBody = z
  .object({ kind, label: label.optional().describe('what the device calls itself, e.g. "Entrance kiosk"; the manager may change it') })
  .strict()
  .meta({ id: 'StartDeviceEnrollment' });

export const startEnrollmentResult = z
  .object({
    enrollment: z.object({ id: ulidId, branchId: slug, kind, code: z.string().describe('show it big: a manager types it in the staff face'), codeExpiresAt: epochMs }),
    pollToken: z.string().describe('send as X-Customer-Token when polling this enrollment; shown only now'),
  })
  .meta({ id: 'StartDeviceEnrollmentResult' });

export const deviceView = z
  .object({
    id: z.string(),
    branchId: slug,
    kind,
    label: z.string(),
    status: z.enum(['active', 'revoked']),
    enrolledAt: epochMs,
    tokenIssued: z.boolean().describe('the device fetched its token (false: confirmed, the device has not polled yet)'),
    lastSeenAt: epochMs.optional().describe('to the minute'),
    revokedAt: epochMs.optional(),
  })
  .meta({ id: 'Device' });

export const enrollmentView = z
  .object({
    id: ulidId,
    branchId: slug,
    kind,
    status: z.enum(['pending', 'expired', 'approved', 'delivered', 'revoked']),
    code: z.string().optional().describe('while pending'),
    codeExpiresAt: epochMs,
    device: z.object({ id: z.string(), label: z.string() }).optional(),
    deviceToken: z.string().optional().describe('the long-lived device token, in the first answer after approval only: send it as X-Device-Token'),
  })
  .meta({ id: 'DeviceEnrollment' });

export const confirmEnrollmentBody = z
  .object({ code: z.string().trim().min(4).max(12).describe('the code on the device, as typed'), label: label.optional() })
  .strict()
  .meta({ id: 'ConfirmDeviceEnrollment' });

export const deviceList = z.object({ branchId: slug, devices: z.array(deviceView) }).meta({ id: 'Devices' });
export const currentDeviceView = z.object({ id: z.string(), branchId: slug, kind, label: z.string() }).meta({ id: 'CurrentDevice' });
