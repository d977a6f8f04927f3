#!/usr/bin/env pwsh
# Bootstrapper (like Nuke's): finds or installs a .NET SDK that fits global.json, builds build/_build.csproj (Release,
# the configuration Containerize publishes the service in, so that it reuses the compiled libraries) only when something
# it depends on changed, showing progress, then runs the build with all arguments: ./build.ps1 [targets] [--options]
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 2.0

$Root = $PSScriptRoot
$BuildProject = Join-Path $Root 'build/_build.csproj'
$BuildDll = Join-Path $Root 'build/bin/Release/net10.0/_build.dll'
$TempDir = Join-Path $Root '.nuke/temp'
$Stamp = Join-Path $TempDir 'build.stamp'
$LocalDotnetDir = Join-Path $Root '.dotnet'
# A mirror can be named with DOTNET_INSTALL_URL (of dotnet-install.ps1).
$DotnetInstallUrl = if ($env:DOTNET_INSTALL_URL) { $env:DOTNET_INSTALL_URL } else { 'https://dot.net/v1/dotnet-install.ps1' }

$env:DOTNET_CLI_TELEMETRY_OPTOUT = 1
$env:DOTNET_NOLOGO = 1
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = 1
$env:DOTNET_MULTILEVEL_LOOKUP = 0

# "dotnet --version" run in the root honours global.json (version + rollForward) and fails when no SDK fits.
function Test-Fits([string] $Dotnet) {
    Push-Location $Root
    try { & $Dotnet --version *> $null; return $LASTEXITCODE -eq 0 } catch { return $false } finally { Pop-Location }
}

function Get-LocalDotnet {
    $exe = if ($env:OS -eq 'Windows_NT') { 'dotnet.exe' } else { 'dotnet' }
    return Join-Path $LocalDotnetDir $exe
}

# No fitting SDK and none could be installed (no network, or the installer failed): say what to install, and stop.
function Write-NoSdkError([string] $Version, [string] $Channel, [string] $Reason) {
    $global = Get-Command dotnet -ErrorAction SilentlyContinue
    $found = if ($global) { ((& $global.Source --list-sdks 2>$null) | ForEach-Object { ($_ -split ' ')[0] }) -join ', ' } else { '' }
    [Console]::Error.WriteLine("error: this build needs a .NET $Channel SDK ($Version or a newer $Channel feature band, as global.json says), and none is installed:")
    if ($found) { [Console]::Error.WriteLine("  the dotnet on PATH ($($global.Source)) has the SDK(s) $found, none of which fits;") }
    else { [Console]::Error.WriteLine("  there is no dotnet on PATH, nor in $LocalDotnetDir;") }
    [Console]::Error.WriteLine("  and installing one into $LocalDotnetDir failed: $DotnetInstallUrl could not be downloaded or run (no network? $Reason).")
    [Console]::Error.WriteLine("Install the .NET $Channel SDK, then run ./build.ps1 again:")
    [Console]::Error.WriteLine("  Windows:       winget install Microsoft.DotNet.SDK.$($Channel.Split('.')[0])")
    [Console]::Error.WriteLine("  Debian/Ubuntu: sudo apt-get install dotnet-sdk-$Channel   (from Ubuntu's or Microsoft's package feed)")
    [Console]::Error.WriteLine("  macOS:         brew install --cask dotnet-sdk")
    [Console]::Error.WriteLine("  any system:    https://dotnet.microsoft.com/download/dotnet/$Channel (or copy an SDK into $LocalDotnetDir)")
    exit 1
}

function Find-Dotnet {
    $global = Get-Command dotnet -ErrorAction SilentlyContinue
    if ($global -and (Test-Fits $global.Source)) { return $global.Source }
    $local = Get-LocalDotnet
    if ((Test-Path $local) -and (Test-Fits $local)) { $env:DOTNET_ROOT = $LocalDotnetDir; return $local }

    # Install the newest SDK of global.json's major.minor channel; rollForward latestFeature accepts it.
    $version = (Get-Content (Join-Path $Root 'global.json') -Raw | ConvertFrom-Json).sdk.version
    $channel = ($version -split '\.')[0..1] -join '.'
    Write-Host "No .NET SDK fitting global.json ($version) on PATH; installing channel $channel into $LocalDotnetDir"
    New-Item -ItemType Directory -Force -Path $TempDir | Out-Null
    $script = Join-Path $TempDir 'dotnet-install.ps1'
    try {
        [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12
        (New-Object System.Net.WebClient).DownloadFile($DotnetInstallUrl, $script)
        & $script -InstallDir $LocalDotnetDir -Channel $channel -NoPath | Out-Host   # keep it out of the return value
    } catch {
        Write-NoSdkError $version $channel $_.Exception.Message
    }
    if (-not (Test-Path $local)) { Write-NoSdkError $version $channel "the installer left no $local" }
    $env:DOTNET_ROOT = $LocalDotnetDir
    return $local
}

# Replaces the engine and the data library in the build output by ReadyToRun (pre-compiled) images of them: that halves
# the JIT work of every start (bench/engine.sh measures it). An optimisation only: when one cannot be made, it runs
# JIT-compiled.
function Set-ReadyToRunEngine([string] $Dotnet, [string] $Log) {
    $rid = $null
    try { $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier } catch { }
    if (-not $rid) { return }   # Windows PowerShell 5 cannot tell; skip the optimisation
    $out = Join-Path $TempDir 'engine-r2r'
    # --artifacts-path keeps this publish's restore and obj/ apart from the normal builds of the engine.
    foreach ($project in 'Pipeline.Engine', 'Pipeline.Data') {
        & $Dotnet publish (Join-Path $Root "src/$project/$project.csproj") -c Release -r $rid --self-contained false `
            -p:PublishReadyToRun=true --artifacts-path (Join-Path $TempDir 'engine-r2r-artifacts') -o $out -nologo -v quiet -tl:off *>> $Log
        if ($LASTEXITCODE -ne 0) {
            Write-Host "note: $project could not be pre-compiled (see .nuke/temp/build.log); it runs JIT-compiled, starting a little slower."
            continue
        }
        Copy-Item -Force (Join-Path $out "$project.dll"), (Join-Path $out "$project.pdb") (Split-Path $BuildDll)
    }
}

# The source files (not folders: compiling creates bin/ and obj/ inside project folders, e.g. Containerize's publish of
# src/Pipeline.Serving), bin/ and obj/ excluded.
function Get-SourceFiles {
    $sources = @('build', 'src') | ForEach-Object { Join-Path $Root $_ } | Where-Object { Test-Path $_ }
    $files = @(Get-ChildItem -Path $sources -Recurse -Force -File -ErrorAction SilentlyContinue |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)([\\/]|$)' })
    foreach ($file in @('Directory.Build.props', 'Directory.Packages.props', 'global.json')) {
        $path = Join-Path $Root $file
        if (Test-Path $path) { $files += Get-Item $path }
    }
    return $files
}

# A checksum of the list of source files: when it differs from the one recorded at the last compile, files were added,
# deleted or renamed. The same list (relative paths with '/', ordinal order, one per line) and hash (SHA-256, lower-case
# hex) as build.sh's, so the two scripts agree on whether the build is current.
function Get-SourceListChecksum($Files) {
    [string[]] $paths = @($Files | ForEach-Object { $_.FullName.Substring($Root.Length).TrimStart('\', '/').Replace('\', '/') })
    [Array]::Sort($paths, [StringComparer]::Ordinal)
    $list = -join ($paths | ForEach-Object { "$_`n" })
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try { return [BitConverter]::ToString($sha.ComputeHash([Text.Encoding]::UTF8.GetBytes($list))).Replace('-', '').ToLowerInvariant() } finally { $sha.Dispose() }
}

# True when the built build is missing, a source file is newer than the stamp, or the list of source files changed.
function Test-NeedsBuild {
    if (-not (Test-Path $BuildDll) -or -not (Test-Path $Stamp)) { return $true }
    $stampTime = (Get-Item $Stamp).LastWriteTimeUtc
    $files = Get-SourceFiles
    if ($files | Where-Object { $_.LastWriteTimeUtc -gt $stampTime } | Select-Object -First 1) { return $true }
    $recorded = @(Get-Content $Stamp)
    return $recorded.Count -lt 2 -or $recorded[1] -ne (Get-SourceListChecksum $files)
}

# The projects build/_build.csproj compiles: itself and every project it references, transitively (for the progress count).
function Get-ProjectCount {
    $seen = @{}
    $queue = [System.Collections.Generic.Queue[string]]::new()
    $queue.Enqueue([IO.Path]::GetFullPath($BuildProject))
    while ($queue.Count -gt 0) {
        $project = $queue.Dequeue()
        if ($seen.ContainsKey($project) -or -not (Test-Path $project)) { continue }
        $seen[$project] = $true
        foreach ($match in [regex]::Matches((Get-Content $project -Raw), '<ProjectReference[^>]*Include="([^"]*)"')) {
            $queue.Enqueue([IO.Path]::GetFullPath((Join-Path (Split-Path $project) ($match.Groups[1].Value -replace '\\', '/'))))
        }
    }
    return $seen.Count
}

# Restores and compiles build/_build.csproj, turning MSBuild's output into progress lines (the step, a count, the elapsed
# time) while the whole output goes to .nuke/temp/build.log. Returns false, with the errors shown, when it fails.
function Invoke-CompileBuild([string] $Dotnet, [string] $Log) {
    $total = Get-ProjectCount
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $state = @{ Restored = 0; Compiled = 0 }
    Write-Host "Compiling build/_build.csproj and the $($total - 1) projects it references (first run after a clone, or its sources changed; log: .nuke/temp/build.log)"
    Set-Content -Path $Log -Value $null
    & $Dotnet build $BuildProject -c Release -nologo -v minimal -tl:off -clp:NoSummary 2>&1 | ForEach-Object {
        $line = "$_"
        Add-Content -Path $Log -Value $line
        $seconds = [int]$watch.Elapsed.TotalSeconds
        if ($line -match 'Determining projects to restore') { Write-Host "  [restore] restoring NuGet packages ($seconds s)" }
        elseif ($line -match 'Restored .*[\\/]([^\\/]+)\.csproj') { $state.Restored++; Write-Host "  [restore] $($Matches[1]): packages restored ($($state.Restored)/$total, $seconds s)" }
        elseif ($line -match 'All projects are up-to-date for restore') { Write-Host "  [restore] packages already restored ($seconds s)" }
        elseif ($line -match '^\s*(\S+) -> .*\.dll$') { $state.Compiled++; Write-Host "  [compile] $($Matches[1]) ($($state.Compiled)/$total, $seconds s)" }
    }
    if ($LASTEXITCODE -ne 0) {
        $errors = @(Get-Content $Log | Where-Object { $_ -match ': error ' } | Sort-Object -Unique)
        if ($errors.Count -eq 0) { $errors = @(Get-Content $Log) }
        $errors | ForEach-Object { [Console]::Error.WriteLine($_) }
        [Console]::Error.WriteLine("error: compiling build/_build.csproj failed (exit $LASTEXITCODE); the lines above say why, .nuke/temp/build.log has the whole output.")
        return $false
    }
    Write-Host "Compiled in $([int]$watch.Elapsed.TotalSeconds) s."
    return $true
}

if (Test-NeedsBuild) {
    $dotnet = Find-Dotnet
    New-Item -ItemType Directory -Force -Path $TempDir | Out-Null
    # Stamp first: a source edited during the build is then newer than the stamp and triggers the next build.
    # It records which dotnet fitted (so that warm runs can skip that check) and the list of source files.
    $pending = "$Stamp.$PID"
    Set-Content -Path $pending -Value @($dotnet, (Get-SourceListChecksum (Get-SourceFiles)))
    $log = Join-Path $TempDir 'build.log'
    if (-not (Invoke-CompileBuild $dotnet $log)) {
        Remove-Item -Force $pending
        exit 1
    }
    Set-ReadyToRunEngine $dotnet $log
    # Only a source file edited during the compile should make the next run compile again (the compile's own bin/ and
    # obj/ are not sources), so without one the stamp is now.
    $pendingTime = (Get-Item $pending).LastWriteTimeUtc
    $edited = Get-SourceFiles | Where-Object { $_.LastWriteTimeUtc -gt $pendingTime } | Select-Object -First 1
    if (-not $edited) { (Get-Item $pending).LastWriteTimeUtc = [DateTime]::UtcNow }
    Move-Item -Force $pending $Stamp
} else {
    # Up to date: reuse the dotnet that built it (checking an SDK against global.json costs a process start).
    $dotnet = Get-Content $Stamp -TotalCount 1
    if (-not $dotnet -or -not (Test-Path $dotnet)) { $dotnet = Find-Dotnet }
    if ($dotnet -eq (Get-LocalDotnet)) { $env:DOTNET_ROOT = $LocalDotnetDir }
}

& $dotnet $BuildDll @args
exit $LASTEXITCODE
