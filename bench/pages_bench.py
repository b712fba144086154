"""Serve pages as in production and measure them with wrk, beside Wagtail's bakerydemo.

    .venv/bin/python bench/pages_bench.py                        # everything, wrk -t2 -c8 -d15s
    .venv/bin/python bench/pages_bench.py --duration 5 --modes uncached,cached
    .venv/bin/python bench/pages_bench.py --no-bakerydemo

This site: a fresh SQLite database in a temporary folder, ``manage.py
load_demo``, production settings (``HTTPS=off``), static files collected,
gunicorn with 2 sync workers. Each page is measured three ways: uncached
(``PAGE_CACHE=off``), with the page cache (core/page_cache.py), and through
Varnish with deploy/varnish/default.vcl (when ``varnishd`` is installed).

Bakerydemo (docs/performance.md tells how to set it up outside this
repository, in its own virtual environment): its production settings with
``SECURE_SSL_REDIRECT=False``, DEBUG off, the same gunicorn, uncached. The
counterparts: home/home, detail/blog post, index/blog index, search/search.

Prints req/s and latency percentiles per page and mode, and the ratio to the
bakerydemo counterpart's uncached req/s.

Two longer checks of issue 16, each on its own (they take minutes):

    .venv/bin/python bench/pages_bench.py --soak --no-bakerydemo      # 16 connections, 60 s: home, search
    .venv/bin/python bench/pages_bench.py --memory --no-bakerydemo    # workers' memory over 10,000 requests

``--soak`` runs wrk with 16 connections for 60 s (``--soak-seconds``) on the
home page and a search, in each mode of ``--modes`` but Varnish, and reports
errors, non-2xx answers and the slowest response (target: none over 1 s).
``--memory`` serves the site uncached, sends 500 requests to warm the
workers, then 10,000 (``--memory-requests``) over the home, detail, index and
search pages, and reads each gunicorn worker's resident memory (``VmRSS`` in
``/proc``) before, at every fifth of the way and after.
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.worker_memory import measure_memory  # noqa: E402

VCL = ROOT / "deploy" / "varnish" / "default.vcl"

#: Bakerydemo's page for each kind of page.
BAKERY_PAGES = {
    "home": "/",
    "detail": "/blog/bread-circuses/",
    "index": "/blog/",
    "search": "/search/?q=bread",
}

#: Prints, as JSON, this site's page of each kind in the demo content.
FIND_PAGES = """
import json
from events.models import EventIndexPage, EventPage
from heritage.models import HeritageProjectPage
from home.models import HomePage
from organisations.models import OrganisationIndexPage, OrganisationPage
pages = {
    "home": HomePage.objects.live().filter(locale__language_code="en").first(),
    "detail": OrganisationPage.objects.live().filter(locale__language_code="en").first(),
    "detail (event)": EventPage.objects.live().filter(locale__language_code="en").first(),
    "detail (heritage)": HeritageProjectPage.objects.live().filter(locale__language_code="en").first(),
    "index": EventIndexPage.objects.live().filter(locale__language_code="en").first(),
    "index (organisations)": OrganisationIndexPage.objects.live().filter(locale__language_code="en").first(),
}
urls = {kind: page.url for kind, page in pages.items() if page is not None}
urls["search"] = "/en/search/?q=union"
print(json.dumps(urls))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - a local server
                response.read()
                return response.status
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


class Server:
    """A command run in the background until stopped, in its own process group."""

    def __init__(self, command, cwd, env, log):
        self.log = open(log, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


def gunicorn(python, cwd, env, port, log):
    command = [
        str(Path(python).parent / "gunicorn"),
        env.pop("WSGI_APP"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--worker-class",
        "sync",
        "--preload",
        "--log-level",
        "warning",
    ]
    return Server(command, cwd, env, log)


def varnish(backend_port, port, workdir, log):
    workdir.mkdir(parents=True, exist_ok=True)
    workdir.chmod(0o755)
    vcl = workdir / "site.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8001";', f'.port = "{backend_port}";'))
    vcl.chmod(0o644)
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    command = [varnishd, "-F", "-n", str(workdir / "state"), "-a", f"127.0.0.1:{port}", "-f", str(vcl)]
    return Server([*command, "-s", "malloc,256m"], workdir, dict(os.environ), log)


def milliseconds(value, unit):
    return float(value) / 1000 if unit == "us" else float(value) * 1000 if unit == "s" else float(value)


def run_wrk(url, args, connections=None, duration=None):
    """wrk's req/s, latency percentiles and slowest response (ms) for one address; errors and non-2xx counted."""
    output = subprocess.run(
        [
            "wrk",
            f"-t{args.threads}",
            f"-c{connections or args.connections}",
            f"-d{duration or args.duration}s",
            # Slow answers are measured, not dropped as wrk's default 2 s timeouts.
            "--timeout",
            "10s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for percentile in ("50", "90", "99"):
        match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        result[f"p{percentile}"] = milliseconds(*match.groups())
    slowest = re.search(r"Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s)", output)
    result["max"] = milliseconds(*slowest.groups()) if slowest else None
    requests = re.search(r"(\d+) requests in", output)
    result["requests"] = int(requests.group(1)) if requests else 0
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)
    result["non_2xx"] = int(bad.group(1)) if bad else 0
    result["socket_errors"] = errors.group(0) if errors else ""
    return result


def measure(base, pages, args, label, results):
    for kind, path in pages.items():
        url = base + path
        status = wait_for(url)
        # One request to warm the page (and, when there is one, the cache).
        runs = [run_wrk(url, args) for _ in range(args.runs)]
        runs.sort(key=lambda r: r["rps"])
        median = runs[len(runs) // 2]
        results.append({"site": label[0], "mode": label[1], "page": kind, "path": path, "status": status, **median})
        print(
            f"{label[0]:<11} {label[1]:<9} {kind:<22} {median['rps']:>9.1f} req/s  "
            f"p50 {median['p50']:>7.1f} ms  p90 {median['p90']:>7.1f} ms  p99 {median['p99']:>7.1f} ms"
            + (f"  non-2xx {median['non_2xx']}" if median["non_2xx"] else ""),
            flush=True,
        )


def site_env(workdir):
    """The environment of the benchmarked site: production settings over plain HTTP, its files in ``workdir``."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="benchmark-only-secret-key-0123456789",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        HTTPS="off",
        DATABASE_URL=f"sqlite:///{workdir / 'site.sqlite3'}",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        PAGE_CACHE_DIR=str(workdir / "page-cache"),
    )
    env.pop("REDIS_URL", None)
    return env


def prepare_site(workdir):
    env = site_env(workdir)
    python = sys.executable
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_demo", "--pictures-now"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    found = subprocess.run(
        [python, "manage.py", "shell", "-c", FIND_PAGES], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return env, json.loads(found.stdout.strip().splitlines()[-1])


@contextlib.contextmanager
def serving(env, mode, workdir):
    """This site served by gunicorn in ``mode`` (uncached, cached, varnish): yields its base URL and the server."""
    port = free_port()
    run_env = {**env, "PAGE_CACHE": "off" if mode == "uncached" else "on", "WSGI_APP": "config.wsgi:application"}
    front = None
    if mode == "varnish":
        front_port = free_port()
        run_env["FRONTEND_CACHE_URL"] = f"http://127.0.0.1:{front_port}"
    server = gunicorn(sys.executable, ROOT, run_env, port, workdir / "gunicorn.log")
    try:
        wait_for(f"http://127.0.0.1:{port}/en/")
        base = f"http://127.0.0.1:{port}"
        if mode == "varnish":
            front = varnish(port, front_port, workdir / "varnish", workdir / "varnish.log")
            base = f"http://127.0.0.1:{front_port}"
        yield base, server
    finally:
        if front:
            front.stop()
        server.stop()


def bench_site(args, workdir, results):
    env, pages = prepare_site(workdir)
    print(f"This site's pages: {pages}", flush=True)
    modes = args.modes.split(",")
    if args.memory:
        with serving(env, "uncached", workdir) as (base, server):
            measure_memory(base, server, pages, args, results)
        return
    for mode in ("uncached", "cached", "varnish"):
        if mode not in modes or (args.soak and mode == "varnish"):
            continue
        if mode == "varnish" and not (shutil.which("varnishd") or Path("/usr/sbin/varnishd").exists()):
            print("varnishd not installed: Varnish not measured", flush=True)
            continue
        with serving(env, mode, workdir) as (base, _server):
            if args.soak:
                soak(base, pages, args, mode, results)
            else:
                measure(base, pages, args, ("compatriots", mode), results)


def soak(base, pages, args, mode, results):
    """16 connections for 60 s on the home page and a search: errors, non-2xx and the slowest answer."""
    for kind in ("home", "search"):
        wait_for(base + pages[kind])
        run = run_wrk(base + pages[kind], args, connections=args.soak_connections, duration=args.soak_seconds)
        ok = not run["non_2xx"] and not re.search(r"[1-9]", run["socket_errors"]) and run["max"] < 1000
        results.append({"site": "compatriots", "mode": f"soak {mode}", "page": kind, "path": pages[kind], **run})
        print(
            f"soak {mode:<9} {kind:<7} {args.soak_connections} connections {args.soak_seconds} s: "
            f"{run['requests']} requests, {run['rps']:.1f} req/s, p50 {run['p50']:.1f} ms, p99 {run['p99']:.1f} ms, "
            f"slowest {run['max']:.1f} ms, non-2xx {run['non_2xx']}, {run['socket_errors'] or 'no socket errors'}"
            f" -> {'ok' if ok else 'FAILED (target: no error, none over 1 s)'}",
            flush=True,
        )


def bench_bakerydemo(args, workdir, results):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bakerydemo.settings.production",
        DJANGO_SECRET_KEY="benchmark-only-secret-key-0123456789",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="False",
        DJANGO_DEBUG="off",
        WSGI_APP="bakerydemo.wsgi:application",
    )
    for name in ("REDIS_URL", "DATABASE_URL", "ELASTICSEARCH_ENDPOINT"):
        env.pop(name, None)
    port = free_port()
    server = gunicorn(args.bakerydemo_python, args.bakerydemo, env, port, workdir / "bakerydemo.log")
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        measure(f"http://127.0.0.1:{port}", BAKERY_PAGES, args, ("bakerydemo", "uncached"), results)
    finally:
        server.stop()


def print_ratios(results):
    bakery = {r["page"]: r["rps"] for r in results if r["site"] == "bakerydemo"}
    if not bakery:
        return
    print("\nRatio to bakerydemo's uncached req/s for the counterpart:")
    for r in results:
        if r["site"] != "compatriots":
            continue
        counterpart = r["page"].split(" ")[0]
        if counterpart in bakery:
            print(f"  {r['mode']:<9} {r['page']:<22} {r['rps'] / bakery[counterpart]:>7.1f}x", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=1, help="wrk runs per page; the median is reported")
    parser.add_argument("--modes", default="uncached,cached,varnish")
    # Where docs/performance.md sets bakerydemo up; read only, never written here.
    parser.add_argument("--bakerydemo", default="/tmp/bakerydemo", help="a set-up bakerydemo checkout")  # noqa: S108
    parser.add_argument("--bakerydemo-python", default="/tmp/bakery-venv/bin/python")  # noqa: S108
    parser.add_argument("--no-bakerydemo", action="store_true")
    parser.add_argument("--json", help="write the results to this file")
    parser.add_argument("--soak", action="store_true", help="16 connections for 60 s on home and search instead")
    parser.add_argument("--soak-connections", type=int, default=16)
    parser.add_argument("--soak-seconds", type=int, default=60)
    parser.add_argument("--memory", action="store_true", help="the workers' memory over many requests instead")
    parser.add_argument("--memory-requests", type=int, default=10_000)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed (Debian: apt-get install wrk)")
    results = []
    with tempfile.TemporaryDirectory(prefix="compatriots-pages-bench-") as folder:
        workdir = Path(folder)
        workdir.chmod(0o755)
        if not (args.no_bakerydemo or args.soak or args.memory):
            bench_bakerydemo(args, workdir, results)
        bench_site(args, workdir, results)
    print_ratios(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
