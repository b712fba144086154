"""Page rights with a read-only level: a "view" page permission lets a group find pages, not change them.

Wagtail's explorer and admin search show the pages a user holds an editing
permission on (and their ancestors, to reach them). Translators hold none on
the source language's pages, yet must find them to submit them for
translation and to compare their translation with them; their groups get the
model's "view" permission on the source tree (:mod:`accounts.translator_groups`),
which this policy counts as a reason to explore. Every other check (edit,
publish, delete, move) still asks for its own permission.
"""

from wagtail.permission_policies.pages import PagePermissionPolicy as WagtailPagePermissionPolicy

VIEW = "view"


class PagePermissionPolicy(WagtailPagePermissionPolicy):
    def instances_with_direct_explore_permission(self, user):
        pages = super().instances_with_direct_explore_permission(user)
        if user.is_superuser:
            return pages
        view_codename = f"{VIEW}_{self.model._meta.model_name}"
        viewed = [
            perm.page
            for perm in self.get_cached_permissions_for_user(user)
            if perm.permission.codename == view_codename
        ]
        return [*pages, *viewed]

    def explorable_instances(self, user):
        return super().explorable_instances(user) | self.instances_user_has_any_permission_for(user, {VIEW})
