#!/usr/bin/env bash
# Regenerate the expected results of run/*.go from real Go (1.19).
#
#   bash bless.sh              # every program
#   bash bless.sh NAME...      # only these (NAME or NAME.go)
#
# For each program: go build it (never `go run`, which rewrites the exit
# status), run the binary as ./NAME with the words of NAME.args (if any) as
# its arguments and NAME.in (if any) as stdin, write NAME.out =
# exact stdout; if the exit status is 2 (a panic) also write NAME.err = the
# first line of stderr (with a trailing newline); otherwise write
# NAME.stderr = all of stderr when there is any, and NAME.status = the exit
# status when it is not 0 (os.Exit). Stale files of the other kinds go.
set -u
here=$(cd "$(dirname "$0")" && pwd)
GO=${GO:-/usr/lib/go-1.19/bin/go}
# Baseline amd64: no FMA fusion, so float results are plain IEEE operations.
export GOAMD64=v1 CGO_ENABLED=0
if ! "$GO" version | grep -q 'go1\.19'; then
  echo "bless.sh: need Go 1.19 (set GO=...), got: $("$GO" version 2>&1)" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# `import "island"` resolves to the package's pure-Go twin (workloads/island).
mkdir -p "$tmp/gopath/src"
ln -s "$(cd "$here/../../../workloads/island" && pwd)" "$tmp/gopath/src/island"
export GOPATH="$tmp/gopath" GO111MODULE=off
cd "$here/run"

if [ $# -gt 0 ]; then
  files=()
  for a in "$@"; do files+=("$(basename "${a%.go}").go"); done
else
  files=(*.go)
fi

n=0; bad=0; nonzero=0
for f in "${files[@]}"; do
  name=${f%.go}
  n=$((n + 1))
  if ! "$GO" build -o "$tmp/$name" "$f" 2>"$tmp/build.err"; then
    echo "BUILD FAILED: $f"; sed 's/^/    /' "$tmp/build.err"
    bad=$((bad + 1)); continue
  fi
  input=/dev/null
  [ -f "$name.in" ] && input="$here/run/$name.in"
  args=()
  [ -f "$name.args" ] && read -ra args < "$name.args"
  ( cd "$tmp" && exec timeout 10 "./$name" "${args[@]}" ) >"$tmp/out" 2>"$tmp/err" <"$input"
  rc=$?
  rm -f "$tmp/$name" "$name.err" "$name.stderr" "$name.status"
  cp "$tmp/out" "$name.out"
  [ "$rc" -ne 0 ] && nonzero=$((nonzero + 1))
  if [ "$rc" -eq 2 ]; then
    head -n 1 "$tmp/err" | sed -e '$a\' > "$name.err"
  else
    if [ "$rc" -ge 124 ]; then echo "WARNING: $f exited with status $rc (timeout or signal)"; bad=$((bad + 1)); fi
    [ -s "$tmp/err" ] && cp "$tmp/err" "$name.stderr"
    [ "$rc" -ne 0 ] && echo "$rc" > "$name.status"
  fi
done
echo "bless: $n programs, $nonzero exit non-zero, $bad problems"
[ "$bad" -eq 0 ]
