"""URLs of the JSON search API (outside the language prefixes) and the search page (inside them)."""

from django.urls import path

from search import views

api_urlpatterns = [
    path("api/search/", views.search_api, name="search_api"),
    path("api/search/suggest/", views.suggest_api, name="search_suggest"),
]

page_urlpatterns = [
    path("search/", views.search_page, name="search"),
]
