#!/usr/bin/env bash
# `npm run db:check`: fails when src/db/migrations does not match src/db/schema.ts. It regenerates the
# migrations into a scratch copy; any new or changed file there is a schema change without its migration.
# drizzle-kit exits 0 on some errors, so success is read from its output, not only its exit code.
set -euo pipefail
cd "$(dirname "$0")/.."

check=$(npx drizzle-kit check 2>&1) || { echo "$check" >&2; exit 1; }
grep -q "Everything's fine" <<<"$check" || { echo "$check" >&2; echo "db:check: drizzle-kit check failed" >&2; exit 1; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/db-check.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
cp -R src/db/migrations/. "$scratch/"
# drizzle-kit only accepts an output folder relative to the working directory.
out=$(realpath --relative-to=. "$scratch")
generated=$(npx drizzle-kit generate --dialect postgresql --schema ./src/db/schema.ts --out "$out" </dev/null 2>&1) || {
  echo "$generated" >&2
  exit 1
}
if ! diff -r src/db/migrations "$scratch" >/dev/null || ! grep -q "No schema changes" <<<"$generated"; then
  echo "$generated" >&2
  diff -r src/db/migrations "$scratch" >&2 || true
  echo "db:check: src/db/schema.ts and src/db/migrations disagree; run \`npm run db:generate\` and commit the result" >&2
  exit 1
fi
echo "db:check: migrations match src/db/schema.ts"
