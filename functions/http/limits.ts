// How much a request may carry. API Gateway takes up to 10 MB; no Dalpak payload needs more than
// a few KB, so anything past this is refused before parsing (a flood of huge bodies costs nothing).
export const maxBodyBytes = 64 * 1024;

export function bodyBytes(body: string | undefined, isBase64Encoded?: boolean): number {
  if (!body) return 0;
  return isBase64Encoded ? Buffer.from(body, 'base64').length : Buffer.byteLength(body, 'utf8');
}
