/**
 * The way people type a priority code: "Cl. 2", "ci2", "CI-2" and "CI.2" are one code. The
 * seed's "Cl" (a lower-case L, from the PDF) reads as CI, its Continuous Improvement aim.
 */
export function normaliseCode(code: string): string {
  return code
    .toUpperCase()
    .replace(/[\s._-]/g, '')
    .replace(/^CL(?=\d)/, 'CI');
}
