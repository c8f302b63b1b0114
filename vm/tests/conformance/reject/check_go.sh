#!/usr/bin/env bash
# Check the reject corpus against real Go (1.19).
#
#   bash check_go.sh           # check
#   bash check_go.sh --bless   # rewrite NAME.err of the `// reject: go` files from Go
#
# Kinds (first line of NAME.go):
#   // reject: go      invalid Go: NAME.err must equal Go's first diagnostic line,
#                      with the `./NAME.go:` prefix removed (LINE:COL: MESSAGE).
#   // reject: subset  valid Go outside jitlab's subset: Go must build it; NAME.err is
#                      jitlab's own message and is only checked for its form.
#   (no comment)       empty.go and garbage.go: treated as `// reject: go`.
#
# A Go diagnostic without a position (the linker's "function main is undeclared in
# the main package") is compared by message only; NAME.err keeps the position jitlab
# reports (the package clause).
set -u
here=$(cd "$(dirname "$0")" && pwd)
GO=${GO:-/usr/lib/go-1.19/bin/go}
export GOAMD64=v1 CGO_ENABLED=0
if ! "$GO" version | grep -q 'go1\.19'; then
  echo "check_go.sh: need Go 1.19 (set GO=...), got: $("$GO" version 2>&1)" >&2
  exit 1
fi
bless=0
[ "${1:-}" = "--bless" ] && bless=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# `import "island"` resolves to the package's pure-Go twin (workloads/island).
mkdir -p "$tmp/gopath/src"
ln -s "$(cd "$here/../../../../workloads/island" && pwd)" "$tmp/gopath/src/island"
export GOPATH="$tmp/gopath" GO111MODULE=off
cd "$here"

pass=0; fail=0
pos_re='^[0-9]+:[0-9]+: '
for f in *.go; do
  name=${f%.go}
  first=$(head -n 1 "$f" | tr -d '\0')
  case "$first" in
    "// reject: subset") kind=subset ;;
    "// reject: go") kind=go ;;
    *) if [ "$name" = empty ] || [ "$name" = garbage ]; then kind=go; else kind=bad; fi ;;
  esac
  if [ "$kind" = bad ]; then
    echo "FAIL $name: first line must be '// reject: go' or '// reject: subset'"; fail=$((fail + 1)); continue
  fi
  if [ ! -f "$name.err" ] && [ $bless -eq 0 -o "$kind" = subset ]; then
    echo "FAIL $name: missing $name.err"; fail=$((fail + 1)); continue
  fi
  "$GO" build -o "$tmp/bin" "$f" >"$tmp/out" 2>&1
  rc=$?
  if [ "$kind" = subset ]; then
    exp=$(cat "$name.err")
    if [ $rc -ne 0 ]; then
      echo "FAIL $name: subset program must be valid Go, but go build says:"; sed 's/^/    /' "$tmp/out"; fail=$((fail + 1))
    elif ! printf '%s\n' "$exp" | grep -Eq "${pos_re}unsupported: "; then
      echo "FAIL $name: .err must be 'LINE:COL: unsupported: WHAT', got: $exp"; fail=$((fail + 1))
    else
      pass=$((pass + 1))
    fi
    continue
  fi
  if [ $rc -eq 0 ]; then
    echo "FAIL $name: go build accepted it"; fail=$((fail + 1)); continue
  fi
  got=$(grep -v '^# ' "$tmp/out" | head -n 1 | sed -E "s#^(.*/)?${name}\.go:##")
  if [ $bless -eq 1 ]; then
    if printf '%s\n' "$got" | grep -Eq "$pos_re"; then
      printf '%s\n' "$got" > "$name.err"
    else
      echo "note $name: Go gave no position ($got); keeping $name.err"
    fi
  fi
  exp=$(cat "$name.err")
  if printf '%s\n' "$got" | grep -Eq "$pos_re"; then
    ok=0; [ "$got" = "$exp" ] && ok=1
  else
    # linker-style error without a position: compare the message only
    gmsg=${got#*: }
    emsg=$(printf '%s\n' "$exp" | sed -E "s/${pos_re}//")
    ok=0; [ "$gmsg" = "$emsg" ] && ok=1
  fi
  if [ $ok -eq 1 ]; then
    pass=$((pass + 1))
  else
    echo "FAIL $name"; echo "    expected: $exp"; echo "    go said:  $got"; fail=$((fail + 1))
  fi
done
echo "check_go: $pass passed, $fail failed"
[ $fail -eq 0 ]
