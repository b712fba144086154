"""Admin URLs this app answers instead of Wagtail (included before ``admin/``), and the code step of sign-in.

They are outside Wagtail's ``register_admin_urls`` because those require a
signed-in user, and the person giving their code is not signed in yet.
"""

from django.urls import path
from django.views.generic import RedirectView

from accounts import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="wagtailadmin_login"),
    path("login/code/", views.verify, name="accounts_verify"),
    path("password_reset/", views.password_reset, name="wagtailadmin_password_reset"),
]

#: Django's admin signs in through Wagtail's form, so that it asks for the same second factor.
django_admin_urlpatterns = [
    path("login/", RedirectView.as_view(pattern_name="wagtailadmin_login", query_string=True)),
]
