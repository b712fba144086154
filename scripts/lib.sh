# Shared by scripts/demo, scripts/serve and scripts/test (sourced, not run): the
# virtual environment, its requirements, the compiled message catalogues, and
# a web server run with the scheduler and the task workers beside it.

cd "$(dirname "${BASH_SOURCE[0]}")/.."
VENV=${VENV:-.venv}
PY="$VENV/bin/python"

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

# Creates the virtual environment with Python 3.11 or newer if it is missing.
ensure_venv() {
    if [ ! -x "$PY" ]; then
        local python=${PYTHON:-$(command -v python3.11 || command -v python3 || true)}
        if [ -z "$python" ]; then
            echo "Python 3.11 is needed: install it, or point PYTHON at it." >&2
            exit 1
        fi
        if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
            echo "$python is $("$python" --version 2>&1); Compatriots needs Python 3.11 or newer (set PYTHON)." >&2
            exit 1
        fi
        say "Creating the virtual environment in $VENV with $python"
        "$python" -m venv "$VENV"
    fi
}

# Installs a requirements file, skipping pip when the files are unchanged since the last install.
install_requirements() {
    local requirements=$1
    local stamp="$VENV/.installed-$(cat requirements*.txt | sha256sum | cut -c1-16)-$(basename "$requirements")"
    if [ ! -e "$stamp" ]; then
        say "Installing $requirements"
        "$PY" -m pip install --disable-pip-version-check --quiet -r "$requirements"
        touch "$stamp"
    fi
}

# Compiles the .po catalogues with the project's own command (pure Python, no GNU gettext needed).
compile_catalogues() {
    if "$PY" manage.py help compile_translations >/dev/null 2>&1; then
        say "Compiling translation catalogues"
        "$PY" manage.py compile_translations
    else
        echo "(no compile_translations command: interface strings stay in English)"
    fi
}

# Runs a web server (the command given) with the background processes beside
# it: the scheduler (`manage.py run_scheduler`: scheduled publishing and expiry
# every minute) and two task workers (`manage.py db_worker`, docs/jobs.md): one
# for the search-index updates of saved pages, one for content imports started
# in the admin, so that a long import never holds an editor's update back.
# When any of them stops, or this script is stopped (Ctrl-C, SIGTERM), all
# stop; the server's exit status is returned.
serve_with_background_processes() {
    "$@" &
    SERVER_PID=$!
    BACKGROUND_PIDS=()
    "$PY" manage.py run_scheduler &
    BACKGROUND_PIDS+=($!)
    "$PY" manage.py db_worker --queue-name default &
    BACKGROUND_PIDS+=($!)
    "$PY" manage.py db_worker --queue-name imports &
    BACKGROUND_PIDS+=($!)
    trap 'stop_all' TERM INT
    wait -n "$SERVER_PID" "${BACKGROUND_PIDS[@]}" || true
    stop_all
    local status=0
    wait "$SERVER_PID" || status=$?
    for pid in "${BACKGROUND_PIDS[@]}"; do
        wait "$pid" || true
    done
    trap - TERM INT
    return "$status"
}

stop_all() {
    stop_process "$SERVER_PID"
    for pid in "${BACKGROUND_PIDS[@]}"; do
        stop_process "$pid"
    done
}

# Sends SIGTERM to a process and its own children (runserver's autoreloader
# serves from a child process).
stop_process() {
    local pid=$1
    kill -TERM $(pgrep -P "$pid" 2>/dev/null) "$pid" 2>/dev/null || true
}

# Starts Varnish at $1 in front of the site at $2 with deploy/varnish/default.vcl
# (its backend address put in a copy), stopped when the calling script exits;
# the site is told where to send its purges (FRONTEND_CACHE_URL).
start_varnish() {
    local listen=$1 backend=$2
    local workdir=${VARNISH_WORKDIR:-${TMPDIR:-/tmp}/compatriots-varnish}
    mkdir -p "$workdir" && chmod 755 "$workdir"
    sed -e "s/\.host = \"127\.0\.0\.1\";/.host = \"${backend%:*}\";/" \
        -e "s/\.port = \"8001\";/.port = \"${backend##*:}\";/" \
        deploy/varnish/default.vcl >"$workdir/site.vcl"
    chmod 644 "$workdir/site.vcl"
    say "Starting Varnish at $listen in front of $backend (deploy/varnish/default.vcl)"
    varnishd -n "$workdir/state" -P "$workdir/varnishd.pid" -a "$listen" -f "$workdir/site.vcl" \
        -s "malloc,${VARNISH_MEMORY:-256m}"
    VARNISH_PID_FILE="$workdir/varnishd.pid"
    trap 'kill "$(cat "$VARNISH_PID_FILE" 2>/dev/null)" 2>/dev/null || true' EXIT
    export FRONTEND_CACHE_URL="http://$listen"
}
