"""Form data for the Wagtail page editor, as a browser would post it.

Tests of permissions and validation go through the real admin views, so that
what they prove is what an editor meets; these helpers build the posted fields
of the page types those tests create.
"""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield


def standard_page_data(title, slug, **fields):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": f"About {title}.",
            "image_alt": "",
            "body": streamfield([]),
            "comments": inline_formset([]),
            **fields,
        }
    )


def event_page_data(title, slug, start, end, **fields):
    """``start`` and ``end`` as the editor types them: ``YYYY-MM-DD HH:MM``."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": f"About {title}.",
            "start": start,
            "end": end,
            "category": "concert",
            "venue": "Russian Centre of Science and Culture",
            "city": "Brussels",
            "country": "BE",
            "image_alt": "",
            "organisers": inline_formset([]),
            "body": streamfield([]),
            "comments": inline_formset([]),
            **fields,
        }
    )


def heritage_project_page_data(title, slug, gallery=(), **fields):
    """``gallery``: ``(image pk, alternative text, caption)`` of each gallery image."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": f"About {title}.",
            "start_year": "2012",
            "end_year": "",
            "place": "Uccle cemetery",
            "country": "BE",
            "image_alt": "",
            "project_organisations": inline_formset([]),
            "body": streamfield([]),
            "recognitions": streamfield([]),
            "gallery_images": inline_formset(
                [{"image": image, "alt_text": alt_text, "caption": caption} for image, alt_text, caption in gallery]
            ),
            "comments": inline_formset([]),
            **fields,
        }
    )
