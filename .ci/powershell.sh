#!/usr/bin/env bash
# Installs PowerShell 7.6.9 as a .NET tool (the package source serves it; no download from elsewhere) into
# .nuke/temp/pwsh and prints the path of pwsh. build.ps1 is the Windows users' entry point; CI runs it here.
set -euo pipefail
cd "$(dirname "$0")/.."
tool_path=.nuke/temp/pwsh
if [[ ! -x "$tool_path/pwsh" ]]; then
  dotnet tool install PowerShell --version 7.6.9 --tool-path "$tool_path" >/dev/null
fi
echo "$PWD/$tool_path/pwsh"
