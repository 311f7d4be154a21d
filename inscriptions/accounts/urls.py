from django.contrib.auth import views as auth_views
from django.urls import path

from . import otp_views, views

app_name = "accounts"

urlpatterns = [
    path("inscription/", views.sign_up, name="signup"),
    path("inscription/courriel-envoye/", views.sign_up_done, name="signup_done"),
    # Before the token's pattern, which would take "renvoyer" for a token.
    path("activation/renvoyer/", views.activation_resend, name="activation_resend"),
    path(
        "activation/renvoyer/courriel-envoye/",
        views.activation_resend_done,
        name="activation_resend_done",
    ),
    path("activation/<str:token>/", views.activate, name="activate"),
    path("connexion/", views.LoginView.as_view(), name="login"),
    # The exam office's second factor, after the password.
    path("connexion/verification/", otp_views.verify, name="otp_verify"),
    path("double-authentification/configurer/", otp_views.set_up, name="otp_setup"),
    path(
        "double-authentification/codes-de-secours/",
        otp_views.recovery_codes,
        name="otp_recovery_codes",
    ),
    # POST only (Django 5): a link or an image elsewhere cannot log the user out.
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("mot-de-passe/oublie/", views.password_reset, name="password_reset"),
    path(
        "mot-de-passe/oublie/courriel-envoye/",
        views.password_reset_done,
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("mot-de-passe/modifie/", views.password_reset_complete, name="password_reset_complete"),
    path("session/prolonger/", views.session_extend, name="session_extend"),
    path("mot-de-passe/estimation/", views.password_estimate, name="password_estimate"),
    path("mot-de-passe/changer/", views.password_change, name="password_change"),
    path("adresse/changer/", views.email_change, name="email_change"),
    path("adresse/confirmer/<str:token>/", views.email_change_confirm, name="email_change_confirm"),
]
