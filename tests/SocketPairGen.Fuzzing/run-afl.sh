#!/usr/bin/env bash
# Runs AFL++ on one fuzz target for a given time, through SharpFuzz:
#   tests/SocketPairGen.Fuzzing/run-afl.sh TARGET SECONDS      (TARGET: server, client, handshake or descriptors)
# Installs afl++ (Debian package) if it is missing, restores the sharpfuzz tool (.config/dotnet-tools.json),
# publishes the fuzzing program in Release under artifacts/fuzz/TARGET/, instruments the runtime
# (SocketPairGen.dll) and the generated code of the contract it uses (SocketPairGen.TestContracts.dll), writes the
# seed corpus, runs afl-fuzz for SECONDS, and prints executions, paths, crashes and hangs from fuzzer_stats.
# Never needed by CI (.ci/run replays the targets without AFL). Set SOCKETPAIRGEN_FUZZ_IGNORE=check,... to let
# known findings pass while they wait for their fix (see README.md).
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 (server|client|handshake|descriptors) SECONDS" >&2
  exit 64
fi
target=$1
seconds=$2
case "$target" in server|client|handshake|descriptors) ;; *) echo "unknown target: $target" >&2; exit 64 ;; esac

repo=$(cd "$(dirname "$0")/../.." && pwd)
work="$repo/artifacts/fuzz/$target"
bin="$work/bin"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v afl-fuzz >/dev/null; then
  echo "Installing afl++ ..."
  apt-get update -qq && apt-get install -y -qq afl++ >/dev/null
fi

cd "$repo"
mkdir -p artifacts/packages
dotnet tool restore >/dev/null

# A fresh Release build each time: sharpfuzz refuses an assembly it already instrumented.
rm -rf "$bin" "$work/in"
dotnet publish tests/SocketPairGen.Fuzzing -c Release -o "$bin" -nologo -v quiet
for assembly in SocketPairGen.dll SocketPairGen.TestContracts.dll; do
  dotnet sharpfuzz "$bin/$assembly"
done

dotnet "$bin/SocketPairGen.Fuzzing.dll" seeds "$target" "$work/in"

# The program is `dotnet`, not an instrumented binary (AFL_SKIP_BIN_CHECK); .NET starts slowly
# (AFL_FORKSRV_INIT_TMOUT); the machine's cores are shared (AFL_NO_AFFINITY). A seed that already breaks a promise
# (a known finding) is skipped, not fatal. -t: AFL's own timeout, above the target's one-second watchdog.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_SKIP_CRASHES=1 \
  AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_FORKSRV_INIT_TMOUT=120000
out="$work/out"
rm -rf "$out"
afl-fuzz -i "$work/in" -o "$out" -t 5000 -m none -V "$seconds" -- dotnet "$bin/SocketPairGen.Fuzzing.dll" afl "$target" \
  > "$work/afl.log" 2>&1 || { tail -n 30 "$work/afl.log"; exit 1; }

stats="$out/default/fuzzer_stats"
echo "AFL++ on the $target target for $seconds s:"
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|corpus_found|saved_crashes|saved_hangs|stability|bitmap_cvg) ' "$stats"
for kind in crashes hangs; do
  for input in "$out/default/$kind"/id:*; do
    [ -e "$input" ] || continue
    echo "$kind: $input"
  done
done
echo "Triage an input with: dotnet $bin/SocketPairGen.Fuzzing.dll replay $target --input FILE"
