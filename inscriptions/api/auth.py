"""API tokens: an app or an establishment's software logs in with the candidate's address and
password, then sends ``Authorization: Token …``.

django-axes guards this door as it guards the login page: ``authenticate()`` gets the request,
so failures count per address and network address, and a locked-out pair is refused even with
the right password. The answer never says whether an account exists.
"""

from typing import Any, cast

from axes.helpers import get_cool_off
from django.contrib.auth import authenticate, user_logged_in
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import Throttled
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from inscriptions.accounts.models import User

TAG = "authentification"


class TokenRequestSerializer(serializers.Serializer[dict[str, Any]]):
    # A plain text field: a malformed address gets the same answer as a wrong password.
    email = serializers.CharField(max_length=254)
    password = serializers.CharField(
        max_length=4096, trim_whitespace=False, style={"input_type": "password"}
    )


class TokenSerializer(serializers.Serializer[dict[str, Any]]):
    token = serializers.CharField(help_text="À envoyer dans l'en-tête « Authorization: Token … ».")


class TokenView(APIView):
    authentication_classes = [TokenAuthentication]
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
        "même poste, la connexion est bloquée 15 minutes (429), que le compte existe ou non.",
        request=TokenRequestSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(description="Adresse électronique ou mot de passe incorrect."),
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
        # A token is a login: last login date, and django-axes forgets the earlier failures.
        user_logged_in.send(sender=type(user), request=request, user=user)
        token, _created = Token.objects.get_or_create(user=user)
        return Response(TokenSerializer({"token": token.key}).data)

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
