from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "inscriptions.accounts"
    label = "accounts"
    verbose_name = _("Comptes")


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin on ``OfficeAdminSite``: the second factor is asked there too."""

    default = False  # named in INSTALLED_APPS; the accounts app keeps AccountsConfig
    default_site = "inscriptions.accounts.admin_site.OfficeAdminSite"
