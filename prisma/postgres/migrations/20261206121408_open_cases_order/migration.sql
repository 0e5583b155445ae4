-- /complaint list reads the open cases a page at a time, VIP first, then urgent, then the soonest
-- deadline (none last): this partial index holds exactly those cases in exactly that order, so a
-- page is read from it without sorting every open case, and its counts without the table.
-- (Prisma's schema can't say "partial" or "expression": the index lives in this migration.)
CREATE INDEX "ComplaintCase_open_order_idx" ON "ComplaintCase" ("vip" DESC, "urgency" DESC, ("deadlineAt" IS NULL), "deadlineAt", "number")
WHERE "status" IN ('open', 'acknowledged', 'waiting_customer');
