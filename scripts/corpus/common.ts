// Figures shared by the corpus decoders and the expectation rules.

export const HR_MIN = 25;
export const HR_MAX = 230;

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
export const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : undefined);
