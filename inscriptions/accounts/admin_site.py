"""The admin site behind the same door as the exam office: password, then second factor.

Its own login form would take the password alone, so it sends to the accounts' login page
instead (``/compte/connexion/``), which asks an office member for the second factor next; and a
session that has not given it does not reach any admin page.
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .otp import is_verified, needs_second_factor


class OfficeAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and is_verified(request.user)

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("admin:index", current_app=self.name)
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(next_url)
        if needs_second_factor(user) and not is_verified(user):
            return redirect_to_login(next_url, reverse("accounts:otp_verify"))
        if self.has_permission(request):
            return HttpResponse(status=302, headers={"Location": next_url})
        # Logged in with every factor asked of them, but not an administrator.
        raise PermissionDenied
