"""Every picture is responsive: AVIF and WebP sources and a JPEG fallback in several widths, with ``sizes``,
its width and height set (no layout shift), eager above the fold and lazy in the listings' cards."""

import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def pictures(html):
    return re.findall(r"<picture>(.*?)</picture>", html, flags=re.S)


def check_responsive(picture):
    sources = dict(re.findall(r'<source type="(image/\w+)" srcset="([^"]+)" sizes="[^"]+">', picture))
    assert set(sources) == {"image/avif", "image/webp"}, picture
    img = re.search(r"<img [^>]+>", picture).group(0)
    srcset = re.search(r'srcset="([^"]+)"', img).group(1)
    for candidates in [*sources.values(), srcset]:
        widths = [int(width) for width in re.findall(r" (\d+)w", candidates)]
        assert len(widths) >= 2 and len(set(widths)) == len(widths), candidates
    assert re.search(r' sizes="[^"]+"', img)
    assert re.search(r' width="\d+" height="\d+"', img)
    return img


def test_the_main_image_is_a_responsive_picture_loaded_at_once(client, home_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = factories.ImageFactory(file__width=1600, file__height=1000)
    page = factories.StandardPageFactory(parent=home_page, image=image, image_alt="The council at work")
    html = client.get(page.url).content.decode()
    main = re.search(r'<figure class="main-image">(.*?)</figure>', html, flags=re.S).group(1)
    [picture] = pictures(main)
    img = check_responsive(picture)
    assert 'alt="The council at work"' in img
    assert 'loading="eager"' in img


def test_a_cards_picture_is_responsive_lazy_and_decorative(client, home_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = factories.ImageFactory(file__width=1600, file__height=1000)
    section = factories.OrganisationIndexPageFactory(parent=home_page)
    factories.OrganisationPageFactory(parent=section, title="Pushkin Fund", image=image, image_alt="The fund")
    html = client.get(section.url).content.decode()
    cards = [picture for picture in pictures(html) if 'class="card__image"' in picture]
    assert cards
    for picture in cards:
        img = check_responsive(picture)
        assert 'alt=""' in img
        assert 'loading="lazy"' in img
