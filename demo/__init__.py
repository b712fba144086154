"""The demo site: content in four languages, generated pictures, a demo admin.

``content.jsonl`` holds the demo's text in the interchange format
(``docs/content-format.md``); :mod:`.enrichment` adds what that format cannot
carry and :mod:`.images` draws the pictures. ``manage.py load_demo`` runs it all.
"""

from pathlib import Path

CONTENT_PATH = Path(__file__).resolve().parent / "content.jsonl"
