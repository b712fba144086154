"""What the browser tests that walk the guides share: signing in, and the guides' pictures.

The editor's and the administrator's guides (docs/guides/) show the admin in
screenshots that their tests take while they walk it, so that the pictures
stay true. The tests assert each step on every run; they write the pictures
only when asked (``GUIDE_SCREENSHOTS=1``), and then small: a 1280x800 window,
reduced to a 256-colour palette (the admin is drawn in few colours, and the
repository keeps every version of every picture).
"""

import io
import os
from pathlib import Path

from django.conf import settings

PASSWORD = "correct horse battery staple"  # UserFactory's
GUIDE_IMAGES = Path(settings.BASE_DIR) / "docs" / "guides" / "img"
VIEWPORT = {"width": 1280, "height": 800}


def taking_pictures():
    return os.environ.get("GUIDE_SCREENSHOTS") == "1"


def shoot(page, name, locator=None):
    """``docs/guides/img/<name>.png``, of the window or of one part of the page, when asked."""
    if not taking_pictures():
        return
    from PIL import Image

    png = (locator or page).screenshot(type="png", animations="disabled", caret="hide")
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    GUIDE_IMAGES.mkdir(parents=True, exist_ok=True)
    image.save(GUIDE_IMAGES / f"{name}.png", optimize=True)


def sign_in(page, username):
    """Sign ``username`` in to the admin in a fresh session, at the guides' window size."""
    page.context.clear_cookies()
    page.set_viewport_size(VIEWPORT)
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", level=1).first.wait_for()


def publish_menu(page, action):
    """Click ``action`` in the page editor's action menu (under *More actions* unless it is the default)."""
    page.wait_for_load_state("networkidle")  # the editor's own requests done: SQLite takes one writer
    button = page.locator("footer").get_by_role("button", name=action, exact=True)
    if not button.is_visible():
        page.get_by_role("button", name="More actions").click()
    button.click()
