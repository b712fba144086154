"""Pictures for the demo site, drawn with Pillow.

The demo must build offline and without borrowed photographs, so every poster,
photograph-like picture and emblem is composed here from shapes. They carry no
text: a page and its translations share one picture, and each language's page
must show only its own language (the alternative text says what the picture is
for, in the page's language). Each picture is seeded by its key, so a rebuild
draws the same picture and :func:`demo_image` finds it again instead of adding a copy.
"""

import colorsys
import math
import random
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection

COLLECTION_NAME = "Demo content"

#: Background pairs (dark, light) in hue/lightness.
PALETTES = (
    ((0.98, 0.22), (0.05, 0.55)),  # cranberry to amber
    ((0.60, 0.20), (0.52, 0.50)),  # night blue to teal
    ((0.38, 0.18), (0.17, 0.48)),  # fir green to ochre
    ((0.75, 0.20), (0.92, 0.52)),  # plum to rose
    ((0.08, 0.20), (0.11, 0.55)),  # umber to gold
    ((0.55, 0.16), (0.62, 0.58)),  # slate to cornflower
)


def _colour(hue, lightness, saturation=0.55, alpha=None):
    red, green, blue = (round(channel * 255) for channel in colorsys.hls_to_rgb(hue % 1, lightness, saturation))
    return (red, green, blue) if alpha is None else (red, green, blue, alpha)


def _seeded_random(key):
    """The same picture for the same key on every run: a seeded generator, not a secret."""
    return random.Random(key)  # noqa: S311  draws shapes; nothing to guess


def _gradient(size, top, bottom):
    _width, height = size
    strip = PILImage.new("RGB", (1, height))
    for y in range(height):
        share = y / max(height - 1, 1)
        strip.putpixel((0, y), tuple(round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True)))
    return strip.resize(size)


def _ornament_band(draw, rng, y, width, colour):
    """A row of diamonds, like the border of an embroidered towel."""
    step = rng.choice((36, 44, 52))
    half = step // 2
    for x in range(-half, width + step, step):
        draw.polygon([(x, y), (x + half, y - half // 2), (x + step, y), (x + half, y + half // 2)], fill=colour)


def compose_poster(key, size=(1200, 800)):
    """An abstract poster: gradient, overlapping discs, stripes and an ornament band."""
    rng = _seeded_random(f"poster:{key}")
    (dark_hue, dark_light), (light_hue, light_light) = rng.choice(PALETTES)
    canvas = _gradient(size, _colour(dark_hue, dark_light), _colour(light_hue, light_light)).convert("RGBA")
    width, height = size
    shapes = PILImage.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(shapes)
    for _ in range(rng.randint(4, 7)):
        radius = rng.randint(height // 8, height // 2)
        x, y = rng.randint(width // 3, width), rng.randint(-radius // 2, height * 2 // 3)
        hue = rng.choice((dark_hue, light_hue, (light_hue + 0.5) % 1))
        draw.ellipse(
            [(x - radius, y - radius), (x + radius, y + radius)],
            fill=_colour(hue, rng.uniform(0.45, 0.75), alpha=rng.randint(60, 140)),
        )
    stripe_colour = _colour(light_hue, 0.85, alpha=50)
    offset = rng.randint(0, width // 2)
    for index in range(rng.randint(3, 6)):
        x = offset + index * 38
        draw.polygon(
            [(x, 0), (x + 18, 0), (x + 18 - height // 2, height), (x - height // 2, height)], fill=stripe_colour
        )
    _ornament_band(draw, rng, height - height // 20, width, _colour(light_hue, 0.82, alpha=200))
    canvas.alpha_composite(shapes)
    return canvas.convert("RGB")


def compose_photo(key, size=(1200, 800)):
    """A photograph-like landscape: sky, sun, layered hills and a band of trees or roofs."""
    rng = _seeded_random(f"photo:{key}")
    hue = rng.random()
    canvas = _gradient(size, _colour(hue, 0.35, 0.4), _colour(hue + 0.08, 0.8, 0.5)).convert("RGBA")
    width, height = size
    draw = ImageDraw.Draw(canvas)
    sun_x, sun_y, sun_r = rng.randint(width // 5, width * 4 // 5), rng.randint(height // 8, height // 3), height // 10
    draw.ellipse([(sun_x - sun_r, sun_y - sun_r), (sun_x + sun_r, sun_y + sun_r)], fill=_colour(0.12, 0.85, 0.9))
    for layer in range(4):
        base = height // 2 + layer * height // 9
        points = [(0, height)]
        for x in range(0, width + 100, 100):
            points.append((x, base + rng.randint(-height // 14, height // 14)))
        points.append((width, height))
        draw.polygon(points, fill=_colour(hue + 0.3, 0.45 - layer * 0.09, 0.35))
    skyline = height * 2 // 3
    x = 0
    while x < width:
        building = rng.randint(30, 90)
        top = skyline - rng.randint(20, height // 5)
        draw.rectangle([(x, top), (x + building, height)], fill=_colour(hue + 0.5, 0.14, 0.2))
        if rng.random() < 0.2:  # an onion dome now and then
            draw.ellipse(
                [(x + building // 4, top - building // 2), (x + building * 3 // 4, top + 4)], fill=(214, 170, 60)
            )
        x += building + rng.randint(4, 40)
    return canvas.convert("RGB")


def compose_logo(key, size=(480, 480)):
    """A round emblem: rings around an eight-pointed star, in the organisation's own colours."""
    rng = _seeded_random(f"logo:{key}")
    (dark_hue, dark_light), (light_hue, _light) = rng.choice(PALETTES)
    canvas = PILImage.new("RGB", size, (250, 247, 240))
    draw = ImageDraw.Draw(canvas)
    width, height = size
    draw.ellipse([(16, 16), (width - 16, height - 16)], fill=_colour(dark_hue, dark_light + 0.05))
    draw.ellipse([(40, 40), (width - 40, height - 40)], outline=_colour(light_hue, 0.75), width=6)
    centre, outer, inner = width // 2, width // 4, width // 10
    points = []
    for index in range(16):
        radius = outer if index % 2 == 0 else inner
        angle = math.pi * index / 8
        points.append((centre + radius * math.sin(angle), centre - radius * math.cos(angle)))
    draw.polygon(points, fill=(255, 255, 255))
    draw.ellipse(
        [(centre - inner // 2, centre - inner // 2), (centre + inner // 2, centre + inner // 2)],
        fill=_colour(light_hue, 0.6),
    )
    return canvas


def _collection():
    collection = Collection.objects.filter(name=COLLECTION_NAME).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=COLLECTION_NAME)
    return collection


def demo_image(key, title, draw):
    """The demo image ``key`` titled ``title``: found again, or drawn by ``draw()`` and saved.

    ``draw`` returns a Pillow image; its focal point is set to the picture's
    upper centre, where the compositions put their motif, so crops keep it.
    """
    image_model = get_image_model()
    collection = _collection()
    existing = image_model.objects.filter(collection=collection, title=title).first()
    if existing:
        return existing
    picture = draw()
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=86, optimize=True)
    width, height = picture.size
    image = image_model(
        title=title,
        collection=collection,
        file=ImageFile(buffer, name=f"demo-{key}.jpg"),
        focal_point_x=width // 2,
        focal_point_y=height // 3,
        focal_point_width=width // 2,
        focal_point_height=height // 3,
    )
    image.save()
    return image
