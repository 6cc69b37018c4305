from django.contrib.auth import views as auth_views
from django.urls import path

from lokalagenda.accounts.views import LoginView

app_name = "accounts"
urlpatterns = [
    path("logg-inn/", LoginView.as_view(), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
]
