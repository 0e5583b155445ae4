#!/usr/bin/env bash
# Writes prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the
# schema as last committed and the schema in the working tree. Prisma's `migrate dev` needs a
# shadow database, which its WebAssembly engine can't make on these machines; a schema-to-schema
# diff needs none.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: npm run migration -- <what-changed>}"
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
tmp="$(mktemp -d)"
git show HEAD:prisma/schema.prisma > "$tmp/before.prisma"
mkdir -p "$dir"
DATABASE_URL="file:$tmp/scratch.db" npx prisma migrate diff \
  --from-schema-datamodel "$tmp/before.prisma" --to-schema-datamodel prisma/schema.prisma --script \
  | grep -v '^Loaded Prisma config' > "$dir/migration.sql"
rm -rf "$tmp"
echo "wrote $dir/migration.sql"
