from typing import Any, cast
from urllib.parse import urlencode

from django.contrib.auth import password_validation
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import services, session_refresh, throttling
from .forms import (
    EmailChangeForm,
    EmailForm,
    LoginForm,
    NewPasswordForm,
    PasswordChangeForm,
    SignUpForm,
    password_requirements,
)
from .models import Role, User
from .otp import needs_second_factor
from .services import ActivationRefusal, ActivationRefused


def titled(title: str | Promise, form: Form | None = None) -> str:
    """The page title, saying first that the form came back with errors (RGAA 11.10)."""
    if form is not None and form.errors:
        return _("Erreur : %(title)s") % {"title": title}
    return str(title)


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and throttling.address_exceeded(request, "sign_up"):
        return throttling.too_many_requests(request)
    if request.method == "POST" and form.is_valid():
        services.candidate_sign_up(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
        )
        # The same answer whether the address already had an account or not.
        return redirect("accounts:signup_done")
    return render(
        request,
        "accounts/signup.html",
        {
            "form": form,
            "page_title": titled(_("Créer un compte"), form),
            "password_requirements": password_requirements(),
        },
    )


@require_GET
def sign_up_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signup_done.html", {"page_title": _("Vérifiez vos courriels")})


ACTIVATION_REFUSAL_STATUS = {
    ActivationRefusal.INVALID: 400,
    ActivationRefusal.EXPIRED: 410,
    ActivationRefusal.USED: 200,
}
ACTIVATION_REFUSAL_TITLES = {
    ActivationRefusal.INVALID: gettext_lazy("Lien d'activation non valide"),
    ActivationRefusal.EXPIRED: gettext_lazy("Lien d'activation expiré"),
    ActivationRefusal.USED: gettext_lazy("Compte déjà activé"),
}


@require_GET
def activate(request: HttpRequest, token: str) -> HttpResponse:
    try:
        services.account_activate(token=token)
    except ActivationRefused as refusal:
        return render(
            request,
            "accounts/activation_refused.html",
            {
                "page_title": str(ACTIVATION_REFUSAL_TITLES[refusal.reason]),
                "reason": refusal.reason.value,
                "form": EmailForm(initial={"email": refusal.email}),
            },
            status=ACTIVATION_REFUSAL_STATUS[refusal.reason],
        )
    return render(request, "accounts/activation_done.html", {"page_title": _("Compte activé")})


@require_http_methods(["GET", "POST"])
def activation_resend(request: HttpRequest) -> HttpResponse:
    form = EmailForm(request.POST or None)
    if request.method == "POST" and throttling.address_exceeded(request, "activation"):
        return throttling.too_many_requests(request)
    if request.method == "POST" and form.is_valid():
        services.activation_link_resend(email=form.cleaned_data["email"])
        return redirect("accounts:activation_resend_done")
    return render(
        request,
        "accounts/activation_resend.html",
        {"form": form, "page_title": titled(_("Recevoir un nouveau lien d'activation"), form)},
    )


@require_GET
def activation_resend_done(request: HttpRequest) -> HttpResponse:
    return render(
        request, "accounts/activation_resend_done.html", {"page_title": _("Vérifiez vos courriels")}
    )


class LoginView(auth_views.LoginView):
    """The password; then an office member goes on to the second factor (``otp_views``)."""

    form_class = LoginForm
    template_name = "accounts/login.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # One address failing on many accounts is stopped too (django-axes counts per account).
        if throttling.address_locked_out(request):
            return throttling.too_many_requests(request)
        return super().post(request, *args, **kwargs)

    def get_success_url(self) -> str:
        # Django's own check of ``next`` first: it is kept only when it stays on this site.
        next_url = super().get_success_url()
        if needs_second_factor(self.request.user):
            return f"{reverse('accounts:otp_verify')}?{urlencode({'next': next_url})}"
        return next_url

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        context = super().get_context_data(**kwargs)
        context["page_title"] = titled(_("Se connecter"), context["form"])
        return context


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    form = EmailForm(request.POST or None)
    if request.method == "POST" and throttling.address_exceeded(request, "password_reset"):
        return throttling.too_many_requests(request)
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(email=form.cleaned_data["email"])
        # The same answer whether the address has an account or not.
        return redirect("accounts:password_reset_done")
    return render(
        request,
        "accounts/password_reset.html",
        {"form": form, "page_title": titled(_("Mot de passe oublié"), form)},
    )


@require_GET
def password_reset_done(request: HttpRequest) -> HttpResponse:
    return render(
        request, "accounts/password_reset_done.html", {"page_title": _("Vérifiez vos courriels")}
    )


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm  # type: ignore[assignment]
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        # The emailed link proves the address: the account's login lockout ends with it, so an
        # attacker failing on purpose cannot keep its owner out.
        from axes.utils import reset

        if self.user is not None:
            reset(username=throttling.login_key(self.request, {"username": self.user.email}))
        return super().form_valid(form)

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        context = super().get_context_data(**kwargs)
        title = _("Choisir un nouveau mot de passe")
        if not context["validlink"]:
            title = _("Lien de réinitialisation non valide")
        context["page_title"] = titled(title, context.get("form"))
        context["password_requirements"] = password_requirements(getattr(self, "user", None))
        return context


@require_GET
def password_reset_complete(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/password_reset_complete.html",
        {"page_title": _("Mot de passe modifié")},
    )


@require_POST
def session_extend(request: HttpRequest) -> HttpResponse:
    """Touch the session, so that it lasts SESSION_COOKIE_AGE again (RGAA 13.1)."""
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    session_refresh.mark_refreshed(request)
    return HttpResponse(status=204)


# Typing a password asks for its estimate at most every few hundred milliseconds: generous, but
# an address cannot use the estimate as a free computing service.
ESTIMATES_PER_ADDRESS_PER_HOUR = 1200


@sensitive_post_parameters("password")
@require_POST
def password_estimate(request: HttpRequest) -> JsonResponse:
    """What the password rules say of a password being typed (the same validators as on
    submit), for the explanation under the field: nothing is stored or logged."""
    from inscriptions.core.evidence import client_address

    if not throttling.within_limit(
        f"password-estimate:{client_address(request)}", limit=ESTIMATES_PER_ADDRESS_PER_HOUR
    ):
        return JsonResponse({"ok": False, "messages": []}, status=429)
    password = request.POST.get("password", "")[:200]
    person = User(
        email=request.POST.get("email", "")[:254],
        first_name=request.POST.get("first_name", "")[:150],
        last_name=request.POST.get("last_name", "")[:150],
        role=Role.OFFICE_STAFF if request.POST.get("staff") == "1" else Role.CANDIDATE,
    )
    messages: list[str] = []
    if password:
        try:
            password_validation.validate_password(password, person)
        except ValidationError as refused:
            messages = list(refused.messages)
    response = JsonResponse({"ok": bool(password) and not messages, "messages": messages})
    response["Cache-Control"] = "no-store"
    return response


@sensitive_post_parameters("current_password", "new_password")
@require_http_methods(["GET", "POST"])
@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    """A new password, once the current one is typed again; the session stays signed in."""
    from django.contrib import messages
    from django.contrib.auth import update_session_auth_hash

    user = cast(User, request.user)
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_change(user=user, password=form.cleaned_data["new_password"])
        update_session_auth_hash(request, user)
        messages.success(
            request, _("Votre mot de passe est changé ; un courriel vous le confirme.")
        )
        return redirect("privacy:my_data")
    return render(
        request,
        "accounts/password_change.html",
        {
            "page_title": titled(_("Changer de mot de passe"), form),
            "form": form,
            "password_requirements": password_requirements(user),
        },
        status=400 if form.errors else 200,
    )


@sensitive_post_parameters("current_password")
@require_http_methods(["GET", "POST"])
@login_required
def email_change(request: HttpRequest) -> HttpResponse:
    """A new login address, once the current password is typed again and the new address has
    proved to be the owner's (the emailed link)."""
    from django.contrib import messages

    user = cast(User, request.user)
    form = EmailChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.email_change_request(user=user, new_email=form.cleaned_data["new_email"])
        messages.success(
            request,
            _(
                "Un lien de confirmation a été envoyé à %(email)s, valable 24 heures : l'adresse "
                "de votre compte changera quand vous l'ouvrirez."
            )
            % {"email": form.cleaned_data["new_email"]},
        )
        return redirect("privacy:my_data")
    return render(
        request,
        "accounts/email_change.html",
        {"page_title": titled(_("Changer d'adresse électronique"), form), "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def email_change_confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        services.email_change_confirm(token=token)
    except services.EmailChangeRefused:
        return render(
            request,
            "accounts/email_change_done.html",
            {"page_title": _("Lien de confirmation non valide"), "refused": True},
            status=400,
        )
    return render(
        request,
        "accounts/email_change_done.html",
        {"page_title": _("Adresse électronique changée"), "refused": False},
    )
