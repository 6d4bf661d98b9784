// Imported first by root.tsx, whose module the browser evaluates before every other route's: zod then
// never compiles validators, and never probes for that with `new Function`, an eval the CSP refuses.
// (On the worker, zod already skips both: workerd forbids eval.)
import { z } from 'zod';

z.config({ jitless: true });
