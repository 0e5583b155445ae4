#!/usr/bin/env bash
# Writes a migration for both databases from the difference between the schema as last committed
# and the schema in the working tree: prisma/migrations/<timestamp>_<name>/migration.sql for
# SQLite and prisma/postgres/migrations/<timestamp>_<name>/migration.sql for PostgreSQL, and
# regenerates prisma/postgres/schema.prisma from prisma/schema.prisma. Prisma's `migrate dev`
# needs a shadow database, which its WebAssembly engine can't make on these machines; a
# schema-to-schema diff needs none (PostgreSQL's still needs a server: a throwaway one is started).
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: npm run migration -- <what-changed>}"
stamp="$(date -u +%Y%m%d%H%M%S)_${name}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git show HEAD:prisma/schema.prisma > "$tmp/before.prisma"
node scripts/pg-schema.mjs
node scripts/pg-schema.mjs "$tmp/before.prisma" > "$tmp/before-pg.prisma"

dir="prisma/migrations/$stamp"
mkdir -p "$dir"
DATABASE_URL="file:$tmp/scratch.db" npx prisma migrate diff \
  --from-schema-datamodel "$tmp/before.prisma" --to-schema-datamodel prisma/schema.prisma --script \
  | grep -v '^Loaded Prisma config' > "$dir/migration.sql"
echo "wrote $dir/migration.sql"

pgdir="prisma/postgres/migrations/$stamp"
mkdir -p "$pgdir"
npx tsx scripts/pg-migration-diff.mts "$tmp/before-pg.prisma" prisma/postgres/schema.prisma > "$pgdir/migration.sql"
echo "wrote $pgdir/migration.sql"
npm run generate
