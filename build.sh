#!/usr/bin/env bash
# Bootstrapper (like Nuke's): finds or installs a .NET SDK that fits global.json, builds build/_build.csproj (Release,
# the configuration Containerize publishes the service in, so that it reuses the compiled libraries) only when something
# it depends on changed, showing progress, then runs the build with all arguments: ./build.sh [targets] [--options]
set -eo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD_PROJECT="$ROOT/build/_build.csproj"
BUILD_DLL="$ROOT/build/bin/Release/net10.0/_build.dll"
TEMP_DIR="$ROOT/.nuke/temp"
STAMP="$TEMP_DIR/build.stamp"
LOCAL_DOTNET_DIR="$ROOT/.dotnet"
# A mirror can be named with DOTNET_INSTALL_URL.
DOTNET_INSTALL_URL="${DOTNET_INSTALL_URL:-https://dot.net/v1/dotnet-install.sh}"
# What build/_build.csproj is compiled from; bin/ and obj/ below them are outputs, not sources.
SOURCES=(build src Directory.Build.props Directory.Packages.props global.json)

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
    if ! download "$DOTNET_INSTALL_URL" "$script" || ! chmod +x "$script" \
        || ! "$script" --install-dir "$LOCAL_DOTNET_DIR" --channel "$channel" --no-path >"$TEMP_DIR/dotnet-install.log" 2>&1; then
        no_sdk_error "$version" "$channel"
    fi
}

# Downloads $1 to $2 with curl or wget; false (quietly) when neither works, e.g. without network.
download() {
    if command -v curl >/dev/null 2>&1; then
        curl -sSfL --connect-timeout 15 "$1" -o "$2" 2>/dev/null
    elif command -v wget >/dev/null 2>&1; then
        wget -q --timeout=15 "$1" -O "$2"
    else
        return 1
    fi
}

# No fitting SDK and none could be installed (no network, no curl/wget, or the installer failed): say what to install.
no_sdk_error() {
    local version="$1" channel="$2" found=""
    if command -v dotnet >/dev/null 2>&1; then
        found="$(dotnet --list-sdks 2>/dev/null | cut -d' ' -f1 | paste -sd, - | sed 's/,/, /g')"
    fi
    {
        echo "error: this build needs a .NET $channel SDK ($version or a newer $channel feature band, as global.json says), and none is installed:"
        if [[ -n "$found" ]]; then
            echo "  the dotnet on PATH ($(command -v dotnet)) has the SDK(s) $found, none of which fits;"
        else
            echo "  there is no dotnet on PATH, nor in $LOCAL_DOTNET_DIR;"
        fi
        echo "  and installing one into $LOCAL_DOTNET_DIR failed: $DOTNET_INSTALL_URL could not be downloaded or run (no network?$([[ -f "$TEMP_DIR/dotnet-install.log" ]] && echo " see .nuke/temp/dotnet-install.log"))."
        echo "Install the .NET $channel SDK, then run ./build.sh again:"
        echo "  Debian/Ubuntu: sudo apt-get install dotnet-sdk-$channel   (from Ubuntu's or Microsoft's package feed)"
        echo "  macOS:         brew install --cask dotnet-sdk"
        echo "  any system:    https://dotnet.microsoft.com/download/dotnet/$channel (or copy an SDK into $LOCAL_DOTNET_DIR)"
    } >&2
    exit 1
}

# The machine's runtime identifier for a ReadyToRun image, or nothing when it is not one we know.
runtime_identifier() {
    local os arch
    case "$(uname -s)" in Linux) os=linux ;; Darwin) os=osx ;; *) return 1 ;; esac
    case "$(uname -m)" in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) return 1 ;; esac
    if [[ "$os" == linux ]] && ldd --version 2>&1 | grep -qi musl; then os=linux-musl; fi
    echo "$os-$arch"
}

# Replaces the engine and the data library (specs, validation, loading: what nearly every target runs first) in the
# build output by ReadyToRun (pre-compiled) images of them: that halves the JIT work of every ./build.sh start
# (bench/engine.sh measures it) and takes about 0.05 s off a ValidateData of 1M rows (bench/validate.sh). It is an optimisation only, so it runs in the background at low
# priority instead of delaying this first run (which runs the JIT-compiled engine): the next runs start faster. It is
# swapped in by a rename (a running build keeps the file it opened), and only if the build was not compiled again since.
# When it cannot be made (no crossgen package offline, unknown platform) the JIT-compiled engine runs unchanged.
ready_to_run_engine_in_background() {
    local rid out="$TEMP_DIR/engine-r2r" bin
    rid="$(runtime_identifier)" || return 0
    bin="$(dirname "$BUILD_DLL")"
    # Detached (setsid where there is one) and with no inherited descriptors: neither a Ctrl-C of this run nor a caller
    # waiting for its output waits for it.
    local detach=()
    command -v setsid >/dev/null 2>&1 && detach=(setsid)
    touch "$TEMP_DIR/engine-r2r.started"
    "${detach[@]}" nice -n 10 bash -c '
        DOTNET="$1" ROOT="$2" TEMP_DIR="$3" out="$4" rid="$5" bin="$6" dll="$7"
        # --artifacts-path keeps these publishes'"'"' restore and obj/ apart from the normal builds of the projects.
        if "$DOTNET" publish "$ROOT/src/Pipeline.Engine/Pipeline.Engine.csproj" -c Release -r "$rid" --self-contained false \
            -p:PublishReadyToRun=true --artifacts-path "$TEMP_DIR/engine-r2r-artifacts" -o "$out" -nologo -v quiet -tl:off \
            && "$DOTNET" publish "$ROOT/src/Pipeline.Data/Pipeline.Data.csproj" -c Release -r "$rid" --self-contained false \
            -p:PublishReadyToRun=true --artifacts-path "$TEMP_DIR/engine-r2r-artifacts" -o "$out" -nologo -v quiet -tl:off; then
            # A build compiled again meanwhile may hold newer libraries than these: then leave them alone.
            if [[ ! "$dll" -nt "$TEMP_DIR/engine-r2r.started" ]]; then
                for file in Pipeline.Engine.dll Pipeline.Engine.pdb Pipeline.Data.dll Pipeline.Data.pdb; do
                    cp "$out/$file" "$bin/$file.r2r.$$" && mv -f "$bin/$file.r2r.$$" "$bin/$file"
                done
                echo "ReadyToRun engine and data library installed into $bin"
            fi
        else
            echo "note: the engine and data library could not be pre-compiled; they run JIT-compiled, starting a little slower."
        fi
        rm -f "$TEMP_DIR/engine-r2r.pid"
    ' ready-to-run "$DOTNET" "$ROOT" "$TEMP_DIR" "$out" "$rid" "$bin" "$BUILD_DLL" \
        </dev/null >"$TEMP_DIR/engine-r2r.log" 2>&1 &
    echo $! > "$TEMP_DIR/engine-r2r.pid"
}

# The source files (not folders: compiling creates bin/ and obj/ inside project folders, e.g. Containerize's publish of
# src/Pipeline.Serving) whose list, when it differs from the one recorded at the last compile, means files were added,
# deleted or renamed.
# The same list, order and hash as build.ps1's, so the two scripts agree on whether the build is current.
source_list_checksum() {
    local sha=(sha256sum)
    command -v sha256sum >/dev/null 2>&1 || sha=(shasum -a 256)
    (cd "$ROOT" && find "${SOURCES[@]}" \( -name bin -o -name obj \) -prune -o -type f -print 2>/dev/null | LC_ALL=C sort | "${sha[@]}" | cut -d' ' -f1)
}

# True when the built build is missing, a source file is newer than the stamp, or the list of source files changed.
needs_build() {
    [[ -f "$BUILD_DLL" && -f "$STAMP" ]] || return 0
    local changed recorded
    changed="$(cd "$ROOT" && find "${SOURCES[@]}" \( -name bin -o -name obj \) -prune -o -type f -newer "$STAMP" -print -quit 2>/dev/null)"
    [[ -n "$changed" ]] && return 0
    recorded="$(sed -n 2p "$STAMP")"
    [[ "$recorded" != "$(source_list_checksum)" ]]
}

# The projects build/_build.csproj compiles: itself and every project it references, transitively (for the progress count).
project_count() {
    local queue=("$BUILD_PROJECT") seen=" " project reference dir
    while ((${#queue[@]})); do
        project="${queue[0]}"; queue=("${queue[@]:1}")
        [[ "$seen" == *" $project "* ]] && continue
        seen+="$project "
        dir="$(dirname "$project")"
        while IFS= read -r reference; do
            [[ -n "$reference" ]] && queue+=("$(realpath -m "$dir/${reference//\\//}")")
        done < <(sed -n 's/.*<ProjectReference[^>]*Include="\([^"]*\)".*/\1/p' "$project" 2>/dev/null)
    done
    echo $(( $(wc -w <<<"$seen") ))
}

# Restores and compiles build/_build.csproj, turning MSBuild's output into progress lines (the step, a count, the elapsed
# time, and a line every 10 s of silence) while the whole output goes to .nuke/temp/build.log. Fails with the errors.
compile_build() {
    local total done_count=0 restored=0 started=$SECONDS line name status
    total="$(project_count)"
    echo "Compiling build/_build.csproj and the $((total - 1)) projects it references (first run after a clone, or its sources changed; log: .nuke/temp/build.log)"
    set +e
    "$DOTNET" build "$BUILD_PROJECT" -c Release -nologo -v minimal -tl:off -clp:NoSummary 2>&1 | tee "$TEMP_DIR/build.log" | {
        while true; do
            if IFS= read -r -t 10 line; then
                case "$line" in
                    *"Determining projects to restore"*) echo "  [restore] restoring NuGet packages ($((SECONDS - started)) s)" ;;
                    *"Restored "*.csproj*) restored=$((restored + 1)); name="${line##*/}"; name="${name%%.csproj*}"
                        echo "  [restore] $name: packages restored ($restored/$total, $((SECONDS - started)) s)" ;;
                    *"All projects are up-to-date for restore"*) echo "  [restore] packages already restored ($((SECONDS - started)) s)" ;;
                    *" -> "*.dll) done_count=$((done_count + 1)); name="${line%% -> *}"; name="${name#"${name%%[![:space:]]*}"}"
                        echo "  [compile] $name ($done_count/$total, $((SECONDS - started)) s)" ;;
                esac
            elif (($? > 128)); then
                echo "  ... still $( ((done_count)) && echo compiling || echo restoring/compiling) ($done_count/$total compiled, $((SECONDS - started)) s)"
            else
                break
            fi
        done
    }
    status=${PIPESTATUS[0]}
    set -e
    if ((status != 0)); then
        grep -E ': (error|warning) [A-Z]+[0-9]+' "$TEMP_DIR/build.log" | grep ': error ' | sort -u >&2 || cat "$TEMP_DIR/build.log" >&2
        echo "error: compiling build/_build.csproj failed (exit $status); the lines above say why, .nuke/temp/build.log has the whole output." >&2
        return 1
    fi
    echo "Compiled in $((SECONDS - started)) s."
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
    # It records which dotnet fitted (so that warm runs can skip that check) and the list of source files.
    printf '%s\n%s\n' "$DOTNET" "$(source_list_checksum)" > "$STAMP.$$"
    if ! compile_build; then
        rm -f "$STAMP.$$"
        exit 1
    fi
    ready_to_run_engine_in_background
    # Only a source file edited during the compile should make the next run compile again (the compile's own bin/ and
    # obj/ are not sources), so without one the stamp is now.
    if [[ -z "$(cd "$ROOT" && find "${SOURCES[@]}" \( -name bin -o -name obj \) -prune -o -type f -newer "$STAMP.$$" -print -quit 2>/dev/null)" ]]; then
        touch "$STAMP.$$"
    fi
    mv "$STAMP.$$" "$STAMP"
fi

exec "$DOTNET" "$BUILD_DLL" "$@"
