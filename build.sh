#!/usr/bin/env bash
# Bootstrapper (like Nuke's): finds or installs a .NET SDK that fits global.json, builds build/_build.csproj
# only when something it depends on changed, then runs the build with all arguments: ./build.sh [targets] [--options]
set -eo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD_PROJECT="$ROOT/build/_build.csproj"
BUILD_DLL="$ROOT/build/bin/Debug/net10.0/_build.dll"
TEMP_DIR="$ROOT/.nuke/temp"
STAMP="$TEMP_DIR/build.stamp"
LOCAL_DOTNET_DIR="$ROOT/.dotnet"
DOTNET_INSTALL_URL="https://dot.net/v1/dotnet-install.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_MULTILEVEL_LOOKUP=0

# "dotnet --version" run in the root honours global.json (version + rollForward) and fails when no
# installed SDK fits, which is exactly the test we need.
fits() { (cd "$ROOT" && "$1" --version) >/dev/null 2>&1; }

find_dotnet() {
    if command -v dotnet >/dev/null 2>&1 && fits dotnet; then
        DOTNET="$(command -v dotnet)"
    elif [[ -x "$LOCAL_DOTNET_DIR/dotnet" ]] && fits "$LOCAL_DOTNET_DIR/dotnet"; then
        DOTNET="$LOCAL_DOTNET_DIR/dotnet"
    else
        install_dotnet
        DOTNET="$LOCAL_DOTNET_DIR/dotnet"
    fi
}

install_dotnet() {
    # Install the newest SDK of global.json's major.minor channel; rollForward latestFeature accepts it.
    local version channel script
    version="$(sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$ROOT/global.json" | head -n 1)"
    channel="$(echo "$version" | cut -d. -f1,2)"
    echo "No .NET SDK fitting global.json ($version) on PATH; installing channel $channel into $LOCAL_DOTNET_DIR"
    mkdir -p "$TEMP_DIR"
    script="$TEMP_DIR/dotnet-install.sh"
    if command -v curl >/dev/null 2>&1; then
        curl -sSfL "$DOTNET_INSTALL_URL" -o "$script"
    else
        wget -q "$DOTNET_INSTALL_URL" -O "$script"
    fi
    chmod +x "$script"
    "$script" --install-dir "$LOCAL_DOTNET_DIR" --channel "$channel" --no-path
}

# The machine's runtime identifier for a ReadyToRun image, or nothing when it is not one we know.
runtime_identifier() {
    local os arch
    case "$(uname -s)" in Linux) os=linux ;; Darwin) os=osx ;; *) return 1 ;; esac
    case "$(uname -m)" in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) return 1 ;; esac
    if [[ "$os" == linux ]] && ldd --version 2>&1 | grep -qi musl; then os=linux-musl; fi
    echo "$os-$arch"
}

# Replaces the engine in the build output by a ReadyToRun (pre-compiled) image of it: that halves the JIT work of
# every ./build.sh start (bench/engine.sh measures it). It is an optimisation only: when it cannot be made (no
# network for the crossgen package, unknown platform) the JIT-compiled engine runs unchanged.
ready_to_run_engine() {
    local rid out="$TEMP_DIR/engine-r2r"
    rid="$(runtime_identifier)" || return 0
    # --artifacts-path keeps this publish's restore and obj/ apart from the normal builds of the engine.
    if "$DOTNET" publish "$ROOT/src/Pipeline.Engine/Pipeline.Engine.csproj" -c Release -r "$rid" --self-contained false \
        -p:PublishReadyToRun=true --artifacts-path "$TEMP_DIR/engine-r2r-artifacts" -o "$out" \
        -nologo -v quiet -tl:off >>"$TEMP_DIR/build.log" 2>&1; then
        cp "$out/Pipeline.Engine.dll" "$out/Pipeline.Engine.pdb" "$(dirname "$BUILD_DLL")/"
    else
        echo "note: the engine could not be pre-compiled (see .nuke/temp/build.log); it runs JIT-compiled, starting a little slower."
    fi
}

# True when the built build is missing or older than anything it is compiled from. Folders are included so that
# deleted or added files (which change their folder's mtime) count; bin/ and obj/ are outputs, not sources.
needs_build() {
    [[ -f "$BUILD_DLL" && -f "$STAMP" ]] || return 0
    local changed
    changed="$(cd "$ROOT" && find build src Directory.Build.props Directory.Packages.props global.json \
        \( -name bin -o -name obj \) -prune -o -newer "$STAMP" -print -quit 2>/dev/null)"
    [[ -n "$changed" ]]
}

REBUILD=
if needs_build; then
    REBUILD=1
    find_dotnet
else
    # Up to date: reuse the dotnet that built it (checking an SDK against global.json costs a process start).
    IFS= read -r DOTNET < "$STAMP" || true
    [[ -x "$DOTNET" ]] || find_dotnet
fi
if [[ "$DOTNET" == "$LOCAL_DOTNET_DIR/dotnet" ]]; then
    export DOTNET_ROOT="$LOCAL_DOTNET_DIR"
fi

if [[ -n "$REBUILD" ]]; then
    mkdir -p "$TEMP_DIR"
    # Stamp first: a source edited during the build is then newer than the stamp and triggers the next build.
    # It records which dotnet fitted, so that warm runs can skip that check.
    echo "$DOTNET" > "$STAMP.$$"
    echo "Compiling build/_build.csproj (its sources changed since the last run)..."
    if ! "$DOTNET" build "$BUILD_PROJECT" -nologo -v quiet -tl:off >"$TEMP_DIR/build.log" 2>&1; then
        cat "$TEMP_DIR/build.log"
        rm -f "$STAMP.$$"
        echo "error: compiling build/_build.csproj failed; the output above says why." >&2
        exit 1
    fi
    ready_to_run_engine
    # The compile itself creates bin/ and obj/ folders, which changes their parent folders' times; only a source
    # file edited during the compile should make the next run compile again, so without one the stamp is now.
    if [[ -z "$(cd "$ROOT" && find build src Directory.Build.props Directory.Packages.props global.json \
        \( -name bin -o -name obj \) -prune -o -type f -newer "$STAMP.$$" -print -quit 2>/dev/null)" ]]; then
        touch "$STAMP.$$"
    fi
    mv "$STAMP.$$" "$STAMP"
fi

exec "$DOTNET" "$BUILD_DLL" "$@"
