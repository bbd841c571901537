#!/usr/bin/env bash
# Runs every test: installs the real test peers (libcoap, node-coap) when missing, builds, and
# runs all test projects. Results (TRX) go to artifacts/test-results. Projects marked
# <RunInNetworkNamespace> (real multicast) run inside a network namespace (eng/netns-run.sh).
# Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

bash eng/install-test-peers.sh

results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet build Framework.sln -c Release -warnaserror -nologo -clp:ErrorsOnly

status=0
for project in tests/*/*.csproj; do
  grep -q '<IsTestProject>true</IsTestProject>' "$project" || continue
  name=$(basename "$project" .csproj)
  wrapper=()
  if grep -q '<RunInNetworkNamespace>true</RunInNetworkNamespace>' "$project"; then
    wrapper=(bash eng/netns-run.sh)
  fi
  "${wrapper[@]}" dotnet test "$project" -c Release --no-build --nologo \
    --blame-hang-timeout 5m --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || status=$?
done
exit $status
