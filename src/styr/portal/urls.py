from django.urls import path

from . import views

urlpatterns = [
    path("min-side/", views.home, name="portal-home"),
    path("min-side/nyheder/", views.news_list, name="portal-news"),
    path("min-side/nyheder/ny/", views.news_create, name="portal-news-create"),
    path("min-side/nyheder/<int:pk>/", views.news_item, name="portal-news-item"),
    path("min-side/tilfredshed/indlaes/", views.satisfaction_upload, name="portal-satisfaction-upload"),
    path("min-side/tilfredshed/<str:code>/", views.satisfaction, name="portal-satisfaction"),
    path("sundhed/", views.health, name="portal-health"),
]
