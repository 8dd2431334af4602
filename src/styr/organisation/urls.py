from django.urls import path

from . import views

urlpatterns = [
    path("", views.tree, name="organisation-tree"),
    path("soeg/", views.search, name="organisation-search"),
    path("import/", views.import_file, name="organisation-import"),
    path("enhed/<str:code>/", views.unit_detail, name="organisation-unit"),
]
