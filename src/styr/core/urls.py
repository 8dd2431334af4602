from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="core-home"),
    path("log-ind/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path("revisionsspor/", views.audit, name="core-audit"),
    path("tilgaengelighed/", views.accessibility, name="core-accessibility"),
    path("om/", views.about, name="core-about"),
]
