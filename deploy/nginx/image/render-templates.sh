#!/bin/sh
# render-templates SOURCE TARGET: every *.template under SOURCE rendered into TARGET,
# keeping sub-folders, as the official nginx image does (nothing to do without SOURCE).
# Only the PORTAL_* variables are replaced: nginx's own ($host, ...) stay as they are.
set -eu
source_dir="$1"
target_dir="$2"
[ -d "$source_dir" ] || exit 0
variables=$(env | sed -n 's/^\(PORTAL_[A-Z0-9_]*\)=.*/${\1}/p' | tr '\n' ' ')
find "$source_dir" -follow -type f -name '*.template' | while read -r template; do
    relative="${template#"$source_dir/"}"
    target="$target_dir/${relative%.template}"
    mkdir -p "$(dirname "$target")"
    envsubst "$variables" < "$template" > "$target"
done
