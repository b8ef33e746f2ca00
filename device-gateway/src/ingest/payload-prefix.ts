/** The first bytes of an untrusted payload as printable text, for quarantine records. */
export function payloadPrefix(payload: Uint8Array | string, maxChars = 256): string {
  const text = typeof payload === 'string' ? payload.slice(0, maxChars) : Buffer.from(payload.subarray(0, maxChars)).toString('utf8');
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
}
