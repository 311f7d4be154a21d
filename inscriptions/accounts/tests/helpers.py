"""What the accounts' tests share: a person signing up, and reading the links of the emails."""

import re
from urllib.parse import urlsplit

# 12+ characters with lower case, upper case, digits and specials (CNIL délibération 2022-100).
STRONG_PASSWORD = "Tournesol-Velo-2027"
OTHER_STRONG_PASSWORD = "Marmotte!Alpage-88"

SIGN_UP = {
    "first_name": "Camille",
    "last_name": "Martin",
    "email": "camille.martin@exemple.fr",
    "password": STRONG_PASSWORD,
}

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
_LINK = re.compile(r"https?://\S+")


def sign_up_data(**changes: str) -> dict[str, str]:
    return {**SIGN_UP, **changes}


def without_csrf_tokens(html: str) -> str:
    """The page with its CSRF tokens blanked: they differ between any two responses."""
    return _CSRF.sub('name="csrfmiddlewaretoken" value=""', html)


def link_in(text: str, path_start: str) -> str:
    """The first link of the email text whose path starts with ``path_start``."""
    for link in _LINK.findall(text):
        if urlsplit(link).path.startswith(path_start):
            return link
    raise AssertionError(f"no link to {path_start} in:\n{text}")


def path_of(link: str) -> str:
    return urlsplit(link).path
