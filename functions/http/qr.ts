import QRCode from 'qrcode';

/** A short code as a QR image (SVG data: URL) for pages to show and kiosks to scan. */
export async function codeQr(code: string): Promise<string> {
  const svg = await QRCode.toString(code, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
