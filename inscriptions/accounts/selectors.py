from .models import User


def user_by_email(email: str) -> User | None:
    """The account of this address, whatever the case it was typed in."""
    return User.objects.filter(email__iexact=email.strip()).first()
