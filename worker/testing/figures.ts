// Numbers as a reader takes them from a text: the figures a leak check looks for, never the digits inside an id or
// a date (a random uuid holds "199" or "13131" often enough to fail a substring check now and then).
export const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const DATE = /\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?/g;

/** Every number a text states (a unit may follow it: "17.78km"), ids and dates left out. */
export function figuresIn(text: string): number[] {
  const plain = text.replace(UUID, 'ID').replace(DATE, 'DATE');
  return (plain.match(/(?<![\w.])-?\d+(?:\.\d+)?(?![\d.])/g) ?? []).map(Number);
}

/** Whether a text states `marker`: a figure when it is a number, else the string itself. */
export function states(text: string, marker: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(marker) ? figuresIn(text).includes(Number(marker)) : text.includes(marker);
}
