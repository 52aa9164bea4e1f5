// English singular or plural by count, shared by the English catalogue and its part files.
export const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
