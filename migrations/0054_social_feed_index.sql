-- The feed's keyset order (issue 42, posts slice): per author, day trained, then created, then id, read backwards
-- by one lateral index scan per followee (a page never sorts more than a page per author).
CREATE INDEX "posts_author_feed_idx" ON "posts" ("author_id", "day_at", "created_at", "id");
