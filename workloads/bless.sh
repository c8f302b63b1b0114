#!/usr/bin/env bash
# bless.sh: check the workload manifest against real Go, or regenerate it.
#
#   workloads/bless.sh [--write] [NAME...]
#
# For every workload in workloads/manifest.toml (or only the NAMEs given) and every size
# (quick, default, large), build a temporary copy of NAME.go whose main is
# `fmt.Println(run(N))` for that size's n, run it, and compare what it prints with the
# manifest's checksum. Also run the unmodified program and compare its stdout with
# NAME.out. It also checks that main's literal n matches the manifest's default n.
#
# Without --write any difference is reported and the exit status is 1. With --write the
# checksums in manifest.toml and the NAME.out files are rewritten from Go's output (the
# manifest is edited in place, so its layout and comments stay as they are).
#
# Needs Go 1.19 (`go` on PATH, or Debian's /usr/lib/go-1.19/bin/go) and python3 >= 3.11.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [[ -z "${GO:-}" ]]; then
    if [[ -x /usr/lib/go-1.19/bin/go ]]; then
        GO=/usr/lib/go-1.19/bin/go
    elif command -v go >/dev/null 2>&1; then
        GO="$(command -v go)"
    else
        echo "bless.sh: no Go found (install golang-1.19-go, or set GO=/path/to/go)" >&2
        exit 1
    fi
fi
export GO
echo "using $("$GO" version)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# `import "island"` resolves to the package's pure-Go twin (workloads/island).
mkdir -p "$work/gopath/src"
ln -s "$here/island" "$work/gopath/src/island"
export GOPATH="$work/gopath" GO111MODULE=off
export BLESS_WORK="$work" BLESS_DIR="$here"

python3 - "$@" <<'PY'
import os, re, subprocess, sys, time, tomllib

go = os.environ["GO"]
here = os.environ["BLESS_DIR"]
work = os.environ["BLESS_WORK"]
manifest_path = os.path.join(here, "manifest.toml")

args = sys.argv[1:]
write = "--write" in args
only = [a for a in args if a != "--write"]
for a in only:
    if a.startswith("-"):
        sys.exit(f"bless.sh: unknown option {a}\nusage: bless.sh [--write] [NAME...]")

with open(manifest_path, "rb") as f:
    manifest = tomllib.load(f)
workloads = manifest["workload"]
names = [w["name"] for w in workloads]
for a in only:
    if a not in names:
        sys.exit(f"bless.sh: no workload named {a!r} in manifest.toml")

SIZES = ("quick", "default", "large")
MAIN_RE = re.compile(r"^func main\(\) \{\n(.*?)^\}\n", re.M | re.S)
DEFAULT_RE = re.compile(r"fmt\.Println\(run\((\d+)\)\)")

def build_and_run(src, tag):
    """Build Go source in a fresh directory and return (stdout, seconds)."""
    d = os.path.join(work, tag)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "main.go"), "w") as f:
        f.write(src)
    r = subprocess.run([go, "build", "-o", "prog", "main.go"], cwd=d,
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"go build failed for {tag}:\n{r.stderr}")
    t0 = time.perf_counter()
    r = subprocess.run(["./prog"], cwd=d, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError(f"{tag} exited with {r.returncode}:\n{r.stderr}")
    return r.stdout, seconds

problems = []
new_checksums = {}  # (name, size) -> checksum
go_files = {f for f in os.listdir(here) if f.endswith(".go")}

for w in workloads:
    name = w["name"]
    go_files.discard(w["file"])
    if only and name not in only:
        continue
    with open(os.path.join(here, w["file"])) as f:
        src = f.read()
    m = MAIN_RE.search(src)
    if not m:
        problems.append(f"{name}: no `func main() {{ ... }}` found")
        continue
    d = DEFAULT_RE.search(m.group(1))
    if not d or int(d.group(1)) != w["sizes"]["default"]["n"]:
        problems.append(f"{name}: main must print run({w['sizes']['default']['n']}) "
                        f"(the manifest's default n), found {m.group(1).strip()!r}")

    for size in SIZES:
        entry = w["sizes"][size]
        n = entry["n"]
        variant = src[:m.start()] + f"func main() {{\n\tfmt.Println(run({n}))\n}}\n" + src[m.end():]
        out, secs = build_and_run(variant, f"{name}-{size}")
        got = int(out.strip())
        new_checksums[(name, size)] = got
        status = "ok" if got == entry["checksum"] else ("updated" if write else "MISMATCH")
        print(f"{name:12} {size:8} n={n:<8} checksum={got:<20} {secs*1000:8.1f} ms  {status}")
        if got != entry["checksum"] and not write:
            problems.append(f"{name} {size}: manifest says {entry['checksum']}, Go prints {got}")

    out, _ = build_and_run(src, f"{name}-unmodified")
    out_path = os.path.join(here, name + ".out")
    old = open(out_path).read() if os.path.exists(out_path) else None
    if write:
        if old != out:
            with open(out_path, "w") as f:
                f.write(out)
            print(f"{name:12} wrote {name}.out")
    elif old != out:
        problems.append(f"{name}: {name}.out " + ("is missing" if old is None else "differs from Go's output"))

for extra in sorted(go_files) if not only else []:
    problems.append(f"{extra} is not listed in manifest.toml")

if write:
    text = open(manifest_path).read()
    # Edit each workload's `sizes` line in place, found after its `name = "..."` line.
    for w in workloads:
        name = w["name"]
        if only and name not in only:
            continue
        start = re.search(r'^name = "' + re.escape(name) + r'"$', text, re.M)
        line = re.compile(r"^sizes = .*$", re.M).search(text, start.end())
        sizes_line = line.group(0)
        for size in SIZES:
            sizes_line, count = re.subn(
                r"(\b" + size + r" = \{ n = \d+, checksum = )-?\d+",
                lambda mm: mm.group(1) + str(new_checksums[(name, size)]), sizes_line)
            if count != 1:
                sys.exit(f"bless.sh: cannot find `{size} = {{ n = ..., checksum = ... }}` "
                         f"in the sizes line of {name}")
        text = text[:line.start()] + sizes_line + text[line.end():]
    with open(manifest_path, "w") as f:
        f.write(text)
    with open(manifest_path, "rb") as f:
        reread = tomllib.load(f)
    for w in reread["workload"]:
        for size in SIZES:
            key = (w["name"], size)
            if key in new_checksums and w["sizes"][size]["checksum"] != new_checksums[key]:
                sys.exit(f"bless.sh: rewrite of manifest.toml went wrong at {key}")
    print("manifest.toml rewritten")

if problems:
    print("\nproblems:", file=sys.stderr)
    for p in problems:
        print("  " + p, file=sys.stderr)
    sys.exit(1)
print("all checksums match Go" if not write else "blessed")
PY
