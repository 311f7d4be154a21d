"""API tokens: an app or an establishment's software logs in with the candidate's address and
password, then sends ``Authorization: Token …``.

An exam-office account also gives ``otp_token``, a code of its authenticator app or one of its
recovery codes, as on the website; its token counts only while it was issued with that second
factor (``authentication.SecondFactorTokenAuthentication``).

django-axes guards this door as it guards the login page: ``authenticate()`` gets the request,
so failures count per address and network address, and a locked-out pair is refused even with
the right password. The answer never says whether an account exists.
"""

from typing import Any, cast

from axes.helpers import get_cool_off
from django.contrib.auth import authenticate, user_logged_in
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import Throttled
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from inscriptions.accounts import second_factor
from inscriptions.accounts.models import User
from inscriptions.accounts.otp import needs_second_factor, token_gave_second_factor

from .authentication import SecondFactorTokenAuthentication

TAG = "authentification"


class TokenRequestSerializer(serializers.Serializer[dict[str, Any]]):
    # A plain text field: a malformed address gets the same answer as a wrong password.
    email = serializers.CharField(max_length=254)
    password = serializers.CharField(
        max_length=4096, trim_whitespace=False, style={"input_type": "password"}
    )
    otp_token = serializers.CharField(
        max_length=32,
        required=False,
        allow_blank=True,
        help_text="Comptes du bureau des examens (gestionnaires, administrateurs d'académie) : "
        "le code à 6 chiffres de l'application d'authentification, ou l'un des codes de "
        "secours (chacun ne sert qu'une fois). Sans objet pour un candidat.",
    )


class TokenSerializer(serializers.Serializer[dict[str, Any]]):
    token = serializers.CharField(help_text="À envoyer dans l'en-tête « Authorization: Token … ».")


class TokenView(APIView):
    authentication_classes = [SecondFactorTokenAuthentication]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth_token"

    def get_permissions(self) -> list[Any]:
        if self.request.method == "DELETE":
            return [permissions.IsAuthenticated()]
        return [permissions.AllowAny()]

    @extend_schema(
        tags=[TAG],
        summary="Obtenir un jeton",
        description="Adresse électronique et mot de passe du compte, contre un jeton à envoyer "
        "dans l'en-tête « Authorization: Token … ». Après 5 échecs pour une adresse depuis un "
        "même poste, la connexion est bloquée 15 minutes (429), que le compte existe ou non. "
        "Un compte du bureau des examens donne aussi `otp_token` (vérification en deux étapes, "
        "configurée d'abord sur le site) ; après chaque code incorrect, le suivant attend deux "
        "fois plus longtemps (429). Un jeton obtenu avant la configuration d'une nouvelle "
        "application d'authentification ne vaut plus.",
        request=TokenRequestSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(
                description="Adresse électronique ou mot de passe incorrect ; ou, pour un compte "
                "du bureau des examens, `otp_token` manquant ou incorrect, ou vérification en "
                "deux étapes pas encore configurée."
            ),
            429: OpenApiResponse(description="Trop de tentatives : réessayer plus tard."),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(
            request=request,
            username=serializer.validated_data["email"],
            password=serializer.validated_data["password"],
        )
        if getattr(request, "axes_locked_out", False):
            cool_off = get_cool_off(request)
            raise Throttled(
                wait=cool_off.total_seconds() if cool_off else None,
                detail=_("Trop d'échecs de connexion : la connexion est bloquée temporairement."),
            )
        if user is None:
            return Response(
                {"detail": _("Adresse électronique ou mot de passe incorrect.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        refusal = self._second_factor_refusal(user, serializer.validated_data.get("otp_token", ""))
        if refusal is not None:
            return refusal
        # A token is a login: last login date, and django-axes forgets the earlier failures.
        user_logged_in.send(sender=type(user), request=request, user=user)
        token, _created = Token.objects.get_or_create(user=user)
        if needs_second_factor(user) and not token_gave_second_factor(token):
            # Issued before the authenticator now in use: it no longer counts, a new one does.
            token.delete()
            token = Token.objects.create(user=user)
        return Response(TokenSerializer({"token": token.key}).data)

    @staticmethod
    def _second_factor_refusal(user: User, code: str) -> Response | None:
        """None when the account needs no second factor or gave it; the refusal otherwise.
        Only someone who knows the password learns that the account is the office's."""
        if not needs_second_factor(user):
            return None
        if not second_factor.has_second_factor(user):
            return Response(
                {
                    "detail": _(
                        "Configurez d'abord la vérification en deux étapes en vous connectant "
                        "au site."
                    )
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        if not code.strip():
            return Response(
                {"otp_token": [_("Saisissez le code de vérification en deux étapes.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        check = second_factor.second_factor_check(user=user, code=code)
        if check.retry_at is not None:
            wait = max(1.0, (check.retry_at - timezone.now()).total_seconds())
            raise Throttled(
                wait=wait, detail=_("Trop de codes incorrects à la suite : réessayez plus tard.")
            )
        if check.device is None:
            return Response(
                {"otp_token": [_("Code de vérification incorrect.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return None

    @extend_schema(
        tags=[TAG],
        summary="Révoquer le jeton",
        description="Le jeton utilisé cesse d'être valable.",
        request=None,
        responses={204: None},
    )
    def delete(self, request: Request) -> Response:
        Token.objects.filter(user=cast(User, request.user)).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
