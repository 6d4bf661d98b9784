// Demo accounts for local dev: one user per role, an admin with permissions, a shared invite. These are
// the root of trust (no API makes the first owner or grants the first permission), so they are written
// here; the rest of the demo is made through the running app's API (seed-coach.ts, demo-history.ts).
// Idempotent: every insert is ON CONFLICT DO NOTHING, and audit rows are written only for real inserts.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { hashPassword } from '../worker/features/auth/password.ts';

export const DEMO_PASSWORD = 'cadence-demo-2026';
export const DEMO_INVITE_CODE = 'DEMO-INVITE';

type Role = 'athlete' | 'coach' | 'admin' | 'owner' | 'demo';

interface DemoUser {
  role: Role;
  email: string;
  displayName: string;
  units: 'km' | 'mi';
  timeZone: string;
  permissions: string[];
  /** Age grading needs both. */
  birthDate?: string;
  sex?: 'female' | 'male';
}

// The owner comes first: it is the invite's creator and the admin's permission grantor.
const DEMO_USERS: DemoUser[] = [
  { role: 'owner', email: 'owner@demo.cadence.test', displayName: 'Olu Owner', units: 'km', timeZone: 'UTC', permissions: [] },
  {
    role: 'admin',
    email: 'admin@demo.cadence.test',
    displayName: 'Ari Admin',
    units: 'km',
    timeZone: 'UTC',
    permissions: ['invites.manage', 'audit.read', 'billing.manage'],
  },
  {
    role: 'coach',
    email: 'coach@demo.cadence.test',
    displayName: 'Cole Coach',
    units: 'km',
    timeZone: 'America/New_York',
    permissions: [],
  },
  {
    role: 'athlete',
    email: 'athlete@demo.cadence.test',
    displayName: 'Ada Athlete',
    units: 'km',
    timeZone: 'Europe/London',
    permissions: [],
    birthDate: '1979-04-18',
    sex: 'female',
  },
  // Read-only walkthroughs: the console without personal data, and a sample athlete's pages
  // on its own account (a copy of the demo athlete's file history, scripts/lib/demo-sample.ts).
  {
    role: 'demo',
    email: 'demo@demo.cadence.test',
    displayName: 'Sample Athlete',
    units: 'km',
    timeZone: 'Europe/London',
    permissions: [],
    birthDate: '1979-04-18',
    sex: 'female',
  },
];

export interface SeedResult {
  logins: { role: Role; email: string; password: string }[];
  inviteCode: string;
  /** How many rows this run inserted; all zero on a re-run. */
  created: { users: number; permissions: number; invites: number };
}

async function audit(client: pg.Client, action: string, targetType: string, targetId: string, payload: object): Promise<void> {
  await client.query(
    'INSERT INTO audit_log (actor_id, actor_role, target_type, target_id, action, payload) VALUES (NULL, NULL, $1, $2, $3, $4)',
    [targetType, targetId, action, JSON.stringify(payload)],
  );
}

export async function seedDemo(databaseUrl: string): Promise<SeedResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  await client.connect();
  const created = { users: 0, permissions: 0, invites: 0 };
  try {
    await client.query('BEGIN');
    const ids = new Map<Role, string>();
    for (const u of DEMO_USERS) {
      // Hash only for users still missing, so a re-run stays fast (PBKDF2 is deliberately slow).
      const found = await client.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower($1)', [u.email]);
      let id = found.rows[0]?.id;
      if (!id) {
        const inserted = await client.query<{ id: string }>(
          `INSERT INTO users (email, password_hash, role, display_name, units, time_zone, birth_date, sex)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
          [u.email, await hashPassword(DEMO_PASSWORD), u.role, u.displayName, u.units, u.timeZone, u.birthDate ?? null, u.sex ?? null],
        );
        id = inserted.rows[0]?.id;
        if (id) {
          created.users++;
          await audit(client, 'seed.user_created', 'user', id, { role: u.role });
        } else {
          const again = await client.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower($1)', [u.email]);
          id = again.rows[0]?.id;
        }
      }
      if (!id) throw new Error(`seed: could not create or find the demo ${u.role}`);
      ids.set(u.role, id);
    }

    const ownerId = ids.get('owner') ?? null;
    for (const u of DEMO_USERS) {
      for (const permission of u.permissions) {
        const granted = await client.query(
          `INSERT INTO permissions (user_id, permission, granted_by) VALUES ($1, $2, $3)
           ON CONFLICT (user_id, permission) DO NOTHING`,
          [ids.get(u.role), permission, ownerId],
        );
        if (granted.rowCount) {
          created.permissions++;
          await audit(client, 'seed.permission_granted', 'user', ids.get(u.role) ?? '', { permission });
        }
      }
    }

    const invite = await client.query<{ id: string }>(
      `INSERT INTO invites (code, note, max_uses, expires_at, created_by) VALUES ($1, 'Demo invite', 1000, NULL, $2)
       ON CONFLICT (code) DO NOTHING RETURNING id`,
      [DEMO_INVITE_CODE, ownerId],
    );
    const inviteId = invite.rows[0]?.id;
    if (inviteId) {
      created.invites++;
      await audit(client, 'seed.invite_created', 'invite', inviteId, { maxUses: 1000 });
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
  const byRole: Role[] = ['athlete', 'coach', 'admin', 'owner', 'demo'];
  return {
    logins: byRole.map((role) => ({ role, email: DEMO_USERS.find((u) => u.role === role)?.email ?? '', password: DEMO_PASSWORD })),
    inviteCode: DEMO_INVITE_CODE,
    created,
  };
}

/** Prints the demo logins as an aligned table (used by this script and by dev.ts). */
export function formatLogins(logins: SeedResult['logins']): string {
  const width = Math.max(...logins.map((l) => l.email.length));
  return logins.map((l) => `  ${l.role.padEnd(8)} ${l.email.padEnd(width)}  ${l.password}`).join('\n');
}

function isDirectRun(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isDirectRun()) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set. Start the stack with `npm run dev` (it seeds), or set DATABASE_URL.');
    process.exit(1);
  }
  const result = await seedDemo(url);
  const c = result.created;
  console.log(
    `Seeded: ${c.users} users, ${c.permissions} permissions, ${c.invites} invites created (0 means already present). The demo coach's business is made through the app's API by \`npm run dev\`.`,
  );
  console.log(`Demo logins:\n${formatLogins(result.logins)}`);
  console.log(`Invite code: ${result.inviteCode}`);
}
