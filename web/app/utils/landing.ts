/**
 * A coach's own Home (their training as an athlete): the address that says they meant it, since a bare
 * `/home` takes a coach to the console (landing.server.ts).
 */
export const OWN_HOME = '/home?own=1';
