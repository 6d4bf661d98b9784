// Pure: a Date constructor shifted from the real one (clock-offset.ts applies it; tested in Node).
/** A Date constructor whose "now" (`new Date()`, `Date()`, `Date.now()`) is `offsetMs` from `RealDate`'s. */
export function offsetDate(RealDate: DateConstructor, offsetMs: number): DateConstructor {
  class OffsetDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offsetMs);
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return RealDate.now() + offsetMs;
    }
    // Dates the runtime makes itself (structured clones, parsed bodies) are the real Date's instances.
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof RealDate;
    }
  }
  // `Date()` called without `new` is a string of now.
  return new Proxy(OffsetDate, { apply: () => new OffsetDate().toString() }) as unknown as DateConstructor;
}
