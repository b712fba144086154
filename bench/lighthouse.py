"""Lighthouse's four scores (phone profile) of the home page, an organisation, the events list and search,
in each of the four languages.

    .venv/bin/python bench/lighthouse.py                   # a new demo in a temporary folder
    .venv/bin/python bench/lighthouse.py --workdir /tmp/lh # kept, and reused when run again
    .venv/bin/python bench/lighthouse.py --languages en,ru # some languages only
    .venv/bin/python bench/lighthouse.py --workdir /tmp/lh --pages "en home,ru organisation"  # measured again

The site as in production (bench/pages_bench.py): ``load_demo`` into SQLite,
production settings with ``HTTPS=off``, static files collected (WhiteNoise,
hashed names), gunicorn with 2 sync workers; uploaded media served as a front
server would (bench/media_wsgi.py). Lighthouse from package.json's
devDependencies (``npm install``) drives Debian's Chromium
(``CHROME_PATH``, default /usr/bin/chromium) headless. Each page is loaded once
before it is measured, as a visitor after the first would find it. Prints the
scores and the audits below 0.9 of any category under 95; writes each report to
the work folder (``<page>.report.json``). A results page asks search engines
not to index it (``noindex``, as they advise for results pages), which
Lighthouse's SEO audit "is-crawlable" counts against it: the search page
without a query is indexable and measured too.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pages_bench import ROOT, free_port, gunicorn, site_env, wait_for

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"

#: A word each language's demo finds, for the results page.
SEARCH_WORDS = {"en": "union", "nl": "unie", "fr": "union", "ru": "союз"}

FIND_PAGES = """
import json
from events.models import EventIndexPage
from home.models import HomePage
from organisations.models import OrganisationPage
from urllib.parse import quote
words = json.loads(%r)
pages = {}
for language, word in words.items():
    live = {"locale__language_code": language}
    pages[f"{language} home"] = HomePage.objects.live().filter(**live).first().url
    pages[f"{language} organisation"] = OrganisationPage.objects.live().filter(**live).order_by("path").first().url
    pages[f"{language} events"] = EventIndexPage.objects.live().filter(**live).first().url
    pages[f"{language} search"] = f"/{language}/search/"
    pages[f"{language} results"] = f"/{language}/search/?q={quote(word)}"
print(json.dumps(pages))
"""


def prepare_site(env, port):
    manage = [sys.executable, "manage.py"]
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_demo", "--pictures-now", "--address", f"127.0.0.1:{port}"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    found = subprocess.run(
        [*manage, "shell", "-c", FIND_PAGES % json.dumps(SEARCH_WORDS)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(found.stdout.strip().splitlines()[-1])


def lighthouse(url, report, attempts=3):
    """Lighthouse's report on ``url``; tried again when Chromium's trace of a page load on a busy machine
    comes back incomplete (``NO_NAVSTART``)."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless --no-sandbox --disable-gpu",
    ]
    for _attempt in range(attempts - 1):
        if subprocess.run(command, env=env, check=False).returncode == 0:
            return json.loads(report.read_text())
    subprocess.run(command, env=env, check=True)
    return json.loads(report.read_text())


def failing_audits(result, category):
    audits = result["audits"]
    for ref in result["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 0.9:
            yield f"{audit['id']} ({audit['score']}): {audit.get('displayValue', '')}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", type=Path, help="kept and reused: the demo is loaded once")
    parser.add_argument("--port", type=int, default=8731, help="the demo's port (its Site's address)")
    parser.add_argument("--languages", default=",".join(SEARCH_WORDS), help="comma-separated language codes")
    parser.add_argument("--pages", help='comma-separated page names as printed, e.g. "en home,nl search"')
    args = parser.parse_args()
    languages = args.languages.split(",")
    chosen = set(args.pages.split(",")) if args.pages else None
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="compatriots-lighthouse-"))
    workdir.mkdir(parents=True, exist_ok=True)
    port = args.port or free_port()
    env = site_env(workdir)
    pages_file = workdir / "pages.json"
    if not pages_file.exists():
        pages_file.write_text(json.dumps(prepare_site(env, port)))
    pages = json.loads(pages_file.read_text())
    server = gunicorn(
        sys.executable, ROOT, {**env, "WSGI_APP": "bench.media_wsgi:application"}, port, workdir / "gunicorn.log"
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/en/")
        print(f"{'page':<16}" + "".join(f"{category:>16}" for category in CATEGORIES))
        for name, path in pages.items():
            if name.split()[0] not in languages or (chosen and name not in chosen):
                continue
            with urllib.request.urlopen(base + path, timeout=60) as response:  # noqa: S310 - the local demo
                response.read()
            result = lighthouse(base + path, workdir / f"{name.replace(' ', '-')}.report.json")
            scores = {category: round(result["categories"][category]["score"] * 100) for category in CATEGORIES}
            print(f"{name:<16}" + "".join(f"{scores[category]:>16}" for category in CATEGORIES), flush=True)
            for category in CATEGORIES:
                if scores[category] < 95:
                    for line in failing_audits(result, category):
                        print(f"    {category}: {line}", flush=True)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
