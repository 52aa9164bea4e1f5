// Pickup codes are read aloud across a counter and typed on a kiosk: no 0/O, 1/I/L, 2/Z,
// 5/S, 8/B look-alikes. 24 symbols, 6 long: 191 million codes; uniqueness per branch is
// enforced by a conditional write, this only has to make collisions rare.
export const codeAlphabet = 'ACDEFGHJKMNPQRTUVWXY3479';
export const codeLength = 6;

/** `randomIndex(n)` returns an integer in [0, n): crypto in production, seeded in tests. */
export function makePickupCode(randomIndex: (n: number) => number): string {
  let code = '';
  for (let i = 0; i < codeLength; i++) code += codeAlphabet[randomIndex(codeAlphabet.length)];
  return code;
}

/** What a person typed, normalised: case, spaces and dashes do not matter. */
export function normalisePickupCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

export const isPickupCode = (s: string) => s.length === codeLength && [...s].every((c) => codeAlphabet.includes(c));
