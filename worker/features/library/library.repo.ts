// The library's SQL: workouts kept by an athlete or an org (the owner is always in the WHERE, so another
// owner's id is simply not found), plan templates and their applications.
import { and, arrayContains, asc, desc, eq, ilike, inArray, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { libraryWorkouts, planTemplates, templateApplications } from '../../db/schema';

export type LibraryRow = typeof libraryWorkouts.$inferSelect;
export type LibraryInsert = typeof libraryWorkouts.$inferInsert;
export type TemplateRow = typeof planTemplates.$inferSelect;
export type ApplicationRow = typeof templateApplications.$inferSelect;

/** Whose library: an athlete's own, or a coaching org's. */
export type Owner = { userId: string } | { orgId: string };

const ownedBy = (o: Owner): SQL => ('userId' in o ? eq(libraryWorkouts.userId, o.userId) : eq(libraryWorkouts.orgId, o.orgId));
const ownerColumns = (o: Owner) => ('userId' in o ? { userId: o.userId, orgId: null } : { userId: null, orgId: o.orgId });
/** LIKE's own characters taken literally. */
const literal = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function createLibraryRepo(db: Executor) {
  return {
    list(o: Owner, f: { q?: string | undefined; tag?: string | undefined; sport?: string | undefined; folder?: string | undefined }) {
      const where = [ownedBy(o)];
      if (f.q) where.push(ilike(libraryWorkouts.title, `%${literal(f.q)}%`));
      if (f.tag) where.push(arrayContains(libraryWorkouts.tags, [f.tag]));
      if (f.sport) where.push(eq(libraryWorkouts.sport, f.sport));
      if (f.folder) where.push(eq(libraryWorkouts.folder, f.folder));
      return db
        .select()
        .from(libraryWorkouts)
        .where(and(...where))
        .orderBy(asc(libraryWorkouts.title), asc(libraryWorkouts.id))
        .limit(500);
    },
    async get(o: Owner, id: string): Promise<LibraryRow | undefined> {
      return (
        await db
          .select()
          .from(libraryWorkouts)
          .where(and(ownedBy(o), eq(libraryWorkouts.id, id)))
      )[0];
    },
    many(o: Owner, ids: string[]): Promise<LibraryRow[]> {
      if (!ids.length) return Promise.resolve([]);
      return db
        .select()
        .from(libraryWorkouts)
        .where(and(ownedBy(o), inArray(libraryWorkouts.id, ids)));
    },
    async insert(o: Owner, row: Omit<LibraryInsert, 'userId' | 'orgId'>): Promise<LibraryRow> {
      return (
        await db
          .insert(libraryWorkouts)
          .values({ ...row, ...ownerColumns(o) })
          .returning()
      )[0]!;
    },
    async update(o: Owner, id: string, patch: Partial<LibraryInsert>, now: Date): Promise<LibraryRow | undefined> {
      return (
        await db
          .update(libraryWorkouts)
          .set({ ...patch, updatedAt: now })
          .where(and(ownedBy(o), eq(libraryWorkouts.id, id)))
          .returning()
      )[0];
    },
    async remove(o: Owner, id: string): Promise<boolean> {
      return (
        (
          await db
            .delete(libraryWorkouts)
            .where(and(ownedBy(o), eq(libraryWorkouts.id, id)))
            .returning({ id: libraryWorkouts.id })
        ).length > 0
      );
    },

    async insertTemplate(row: typeof planTemplates.$inferInsert): Promise<TemplateRow> {
      return (await db.insert(planTemplates).values(row).returning())[0]!;
    },
    templates(orgId: string): Promise<TemplateRow[]> {
      return db.select().from(planTemplates).where(eq(planTemplates.orgId, orgId)).orderBy(desc(planTemplates.createdAt)).limit(200);
    },
    async template(orgId: string, id: string): Promise<TemplateRow | undefined> {
      return (
        await db
          .select()
          .from(planTemplates)
          .where(and(eq(planTemplates.orgId, orgId), eq(planTemplates.id, id)))
      )[0];
    },
    /** Claims (template, client, start) once: null when it was applied before (the earlier application is returned by `application`). */
    async claimApplication(row: typeof templateApplications.$inferInsert): Promise<ApplicationRow | null> {
      return (await db.insert(templateApplications).values(row).onConflictDoNothing().returning())[0] ?? null;
    },
    async application(templateId: string, clientId: string, startDate: string): Promise<ApplicationRow | undefined> {
      return (
        await db
          .select()
          .from(templateApplications)
          .where(
            and(
              eq(templateApplications.templateId, templateId),
              eq(templateApplications.clientId, clientId),
              eq(templateApplications.startDate, startDate),
            ),
          )
      )[0];
    },
    async recordApplied(templateId: string, clientId: string, startDate: string, planId: string, changeId: string) {
      await db
        .update(templateApplications)
        .set({ planId, changeId })
        .where(
          and(
            eq(templateApplications.templateId, templateId),
            eq(templateApplications.clientId, clientId),
            eq(templateApplications.startDate, startDate),
          ),
        );
    },
  };
}
export type LibraryRepo = ReturnType<typeof createLibraryRepo>;
