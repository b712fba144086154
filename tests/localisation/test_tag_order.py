"""Tags are kept and compared in name order, so that revisions of the same tags never differ."""

from wagtail.admin.compare import TagsFieldComparison

from home.models import StandardPage
from tests import factories


def tags_comparison(page, revision_a, revision_b):
    field = StandardPage._meta.get_field("tags")
    return TagsFieldComparison(field, revision_a.as_object(), revision_b.as_object())


def test_the_same_tags_in_another_order_are_no_change_in_compare(home_page):
    page = factories.StandardPageFactory(parent=home_page)
    page.tags.set(["zither", "accordion", "mandolin"])
    first = page.save_revision()
    page = StandardPage.objects.get(pk=page.pk)
    page.tags.set(["mandolin", "zither", "accordion"])
    second = page.save_revision()

    comparison = tags_comparison(page, first, second)

    assert not comparison.has_changed()


def test_a_revision_stores_its_tags_by_name(home_page):
    page = factories.StandardPageFactory(parent=home_page)
    page.tags.set(["zither", "accordion", "mandolin"])
    revision = page.save_revision()

    stored = [item["tag"] for item in revision.content["tagged_items"]]
    names = dict(page.tags.through.tag_model().objects.values_list("pk", "name"))

    assert [names[pk] for pk in stored] == ["accordion", "mandolin", "zither"]
    assert [tag.name for tag in StandardPage._meta.get_field("tags").value_from_object(revision.as_object())] == [
        "accordion",
        "mandolin",
        "zither",
    ]


def test_a_real_tag_change_still_shows(home_page):
    page = factories.StandardPageFactory(parent=home_page)
    page.tags.set(["choir"])
    first = page.save_revision()
    page.tags.set(["choir", "dance"])
    second = page.save_revision()

    assert tags_comparison(page, first, second).has_changed()
