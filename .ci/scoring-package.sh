#!/usr/bin/env bash
# The in-process scoring library as a .NET application gets it (issue 18): packs Pipeline.Scoring and the libraries
# it depends on into artifacts/packages with a version of its own, then runs tests/Pipeline.Scoring.PackageTests,
# which references the package (not the project) and scores with the production version ./build.sh registered.
set -euo pipefail
cd "$(dirname "$0")/.."
# A new version each run: the NuGet cache keeps a package by id and version, so a reused version would test an old build.
version="0.1.0-ci.$(date +%Y%m%d%H%M%S)"
out=artifacts/packages
rm -rf "$out" && mkdir -p "$out"
dotnet pack src/Pipeline.Scoring/Pipeline.Scoring.csproj -c Release -o "$out" -p:Version="$version" -nologo -v quiet
for library in Pipeline.Modeling Pipeline.Data Pipeline.Oci; do
  dotnet pack "src/$library/$library.csproj" -c Release --no-build -o "$out" -p:Version="$version" -nologo -v quiet
done
echo "packed: $(cd "$out" && ls *.nupkg | tr '\n' ' ')"
PIPELINE_SCORING_VERSION="$version" dotnet test tests/Pipeline.Scoring.PackageTests -p:PipelineScoringVersion="$version" -nologo
