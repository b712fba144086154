"""The site's icon: at /favicon.ico for browsers and crawlers that ask for it there, and named by every page."""

import io

from PIL import Image


def test_favicon_ico_is_a_real_icon_kept_for_a_month(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert response["Cache-Control"] == "max-age=2592000, public"
    icon = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO"
    assert (32, 32) in icon.info["sizes"]


def test_every_page_names_its_icons(client, home_page):
    response = client.get(home_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in html
    assert 'rel="icon" href="/static/favicon.svg" type="image/svg+xml"' in html
