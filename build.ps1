#!/usr/bin/env pwsh
# Bootstrapper (like Nuke's): finds or installs a .NET SDK that fits global.json, builds build/_build.csproj
# only when something it depends on changed, then runs the build with all arguments: ./build.ps1 [targets] [--options]
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 2.0

$Root = $PSScriptRoot
$BuildProject = Join-Path $Root 'build/_build.csproj'
$BuildDll = Join-Path $Root 'build/bin/Debug/net10.0/_build.dll'
$TempDir = Join-Path $Root '.nuke/temp'
$Stamp = Join-Path $TempDir 'build.stamp'
$LocalDotnetDir = Join-Path $Root '.dotnet'
$DotnetInstallUrl = 'https://dot.net/v1/dotnet-install.ps1'

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
    [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12
    (New-Object System.Net.WebClient).DownloadFile($DotnetInstallUrl, $script)
    & $script -InstallDir $LocalDotnetDir -Channel $channel -NoPath | Out-Host   # keep it out of the return value
    $env:DOTNET_ROOT = $LocalDotnetDir
    return $local
}

# Replaces the engine in the build output by a ReadyToRun (pre-compiled) image of it: that halves the JIT work of
# every start (bench/engine.sh measures it). An optimisation only: when it cannot be made, the JIT-compiled engine runs.
function Set-ReadyToRunEngine([string] $Dotnet, [string] $Log) {
    $rid = $null
    try { $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier } catch { }
    if (-not $rid) { return }   # Windows PowerShell 5 cannot tell; skip the optimisation
    $out = Join-Path $TempDir 'engine-r2r'
    # --artifacts-path keeps this publish's restore and obj/ apart from the normal builds of the engine.
    & $Dotnet publish (Join-Path $Root 'src/Pipeline.Engine/Pipeline.Engine.csproj') -c Release -r $rid --self-contained false `
        -p:PublishReadyToRun=true --artifacts-path (Join-Path $TempDir 'engine-r2r-artifacts') -o $out -nologo -v quiet -tl:off *>> $Log
    if ($LASTEXITCODE -eq 0) {
        Copy-Item -Force (Join-Path $out 'Pipeline.Engine.dll'), (Join-Path $out 'Pipeline.Engine.pdb') (Split-Path $BuildDll)
    } else {
        Write-Host 'note: the engine could not be pre-compiled (see .nuke/temp/build.log); it runs JIT-compiled, starting a little slower.'
    }
}

# True when the built build is missing or older than anything it is compiled from. Folders count too, so that
# added or deleted files (which change their folder's time) trigger a build; bin/ and obj/ are outputs.
function Test-NeedsBuild {
    if (-not (Test-Path $BuildDll) -or -not (Test-Path $Stamp)) { return $true }
    $stampTime = (Get-Item $Stamp).LastWriteTimeUtc
    $sources = @('build', 'src') | ForEach-Object { Join-Path $Root $_ } | Where-Object { Test-Path $_ }
    $changed = Get-ChildItem -Path $sources -Recurse -Force -ErrorAction SilentlyContinue |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)([\\/]|$)' -and $_.LastWriteTimeUtc -gt $stampTime } |
        Select-Object -First 1
    if ($changed) { return $true }
    foreach ($file in @('Directory.Build.props', 'Directory.Packages.props', 'global.json')) {
        $path = Join-Path $Root $file
        if ((Test-Path $path) -and (Get-Item $path).LastWriteTimeUtc -gt $stampTime) { return $true }
    }
    return $false
}

if (Test-NeedsBuild) {
    $dotnet = Find-Dotnet
    New-Item -ItemType Directory -Force -Path $TempDir | Out-Null
    # Stamp first: a source edited during the build is then newer than the stamp and triggers the next build.
    # It records which dotnet fitted, so that warm runs can skip that check.
    $pending = "$Stamp.$PID"
    Set-Content -Path $pending -Value $dotnet
    Write-Host 'Compiling build/_build.csproj (its sources changed since the last run)...'
    $log = Join-Path $TempDir 'build.log'
    & $dotnet build $BuildProject -nologo -v quiet -tl:off *> $log
    if ($LASTEXITCODE -ne 0) {
        Get-Content $log | Write-Host
        Write-Error 'compiling build/_build.csproj failed; the output above says why.' -ErrorAction Continue
        Remove-Item -Force $pending
        exit 1
    }
    Set-ReadyToRunEngine $dotnet $log
    # The compile itself creates bin/ and obj/ folders, which changes their parent folders' times; only a source
    # file edited during the compile should make the next run compile again, so without one the stamp is now.
    $pendingTime = (Get-Item $pending).LastWriteTimeUtc
    $sources = @('build', 'src') | ForEach-Object { Join-Path $Root $_ } | Where-Object { Test-Path $_ }
    $edited = Get-ChildItem -Path $sources -Recurse -Force -File -ErrorAction SilentlyContinue |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)([\\/]|$)' -and $_.LastWriteTimeUtc -gt $pendingTime } |
        Select-Object -First 1
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
