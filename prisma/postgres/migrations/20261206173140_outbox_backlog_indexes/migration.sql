-- Lookups in the outbox must cost what they find, not what is queued (tests/postgres/outbox-backlog.test.ts).
--
-- An index led by "status" was the planner's choice for every "status" = 'pending' lookup (a
-- lane's head, a card's queued edits, a roll-up's thread) whenever the statistics said pending
-- messages were rare, as they are in a live database before a burst. It then read every pending
-- message per lookup: the sender's cost grew with the square of the backlog and escalation
-- stalled behind it. Each of those lookups has an index led by its lane, target, thread or
-- roll-up; only the failures list needs "status", and a partial index holds just the failed ones.
DROP INDEX "OutboxMessage_status_nextAttemptAt_idx";

-- Folding a lane's news of one kind into a roll-up read the whole lane's queue to find that kind.
-- Led by the kind, not the lane: on statistics from before a burst, an index led by the lane was
-- taken for the lane's head too, and read the whole lane to sort it.
CREATE INDEX "OutboxMessage_groupKey_lane_status_idx" ON "OutboxMessage"("groupKey", "lane", "status");

-- (Prisma's schema can't say "partial": this index lives in this migration.)
CREATE INDEX "OutboxMessage_failed_createdAt_idx" ON "OutboxMessage" ("createdAt") WHERE "status" = 'failed';
