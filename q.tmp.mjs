import pg from 'pg';
import { readdirSync } from 'node:fs';
const port = process.argv[2];
const c = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/cadence` });
await c.connect();
for (const q of process.argv.slice(3)) console.log(JSON.stringify((await c.query(q)).rows));
await c.end();
