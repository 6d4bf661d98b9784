// Our ids are uuids. Anything posted, routed or read from a third party's metadata is checked with
// this before it reaches SQL, so a mangled id is "not there", never a database error.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a uuid in its canonical 8-4-4-4-12 hex form (any case); zod schemas use `z.uuid()`. */
export const isUuid = (value: string | null | undefined): value is string => typeof value === 'string' && UUID.test(value);
