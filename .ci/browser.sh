#!/usr/bin/env bash
# Debian's chromium and its fonts, for the browser tests of the reports (tests/Pipeline.Build.Tests,
# ReportsInBrowserTests): Playwright for .NET drives it through its executable path, since Playwright's own browser
# download is not reachable. Does nothing when chromium is already installed.
set -euo pipefail
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
dpkg -s fonts-liberation >/dev/null 2>&1 || missing+=(fonts-liberation)
if (( ${#missing[@]} )); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "== $(/usr/bin/chromium --version 2>/dev/null) for the browser tests of the reports"
