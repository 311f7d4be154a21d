from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "inscriptions.accounts"
    label = "accounts"
    verbose_name = _("Comptes")

    def ready(self) -> None:
        """The sign-in instant, from which a session's absolute lifetime counts; the failed
        logins of each address."""
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from .session_refresh import note_sign_in
        from .throttling import note_failed_login, note_login

        user_logged_in.connect(note_sign_in, dispatch_uid="accounts-note-sign-in")
        user_logged_in.connect(note_login, dispatch_uid="accounts-audit-login")
        # Failed logins counted per address, whatever the account (django-axes: per account).
        user_login_failed.connect(note_failed_login, dispatch_uid="accounts-failed-login")


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin on ``OfficeAdminSite``: the second factor is asked there too."""

    default = False  # named in INSTALLED_APPS; the accounts app keeps AccountsConfig
    default_site = "inscriptions.accounts.admin_site.OfficeAdminSite"
