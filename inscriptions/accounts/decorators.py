"""Who reaches the candidate space: a logged-in candidate. For the office it does not exist (a
404, as everything that is not theirs)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from .models import Role


def candidate_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in, as a candidate: the candidate space does not exist for the office (404)."""

    @wraps(view)
    @login_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(request.user, "role", None) != Role.CANDIDATE:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped
