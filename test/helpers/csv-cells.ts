/** A CSV line's cells (RFC 4180: a quoted cell may hold commas and doubled quotes). */
export const csvCells = (line: string): string[] => [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1]!.replace(/^"|"$/g, "").replace(/""/g, '"'));
