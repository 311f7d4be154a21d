"""The permission groups of the admin site, which a production académie needs as much as the
demo: ``load_demo`` and the académie's set-up both give their administrators this group."""

from django.contrib.auth.models import Group, Permission

ACADEMY_ADMIN_GROUP = "Administrateurs d'académie"


def academy_admin_group() -> Group:
    """The académie administrators' group, with the catalogue's permissions and those that let
    them create and edit accounts; created if missing, its permissions set anew."""
    group, _created = Group.objects.get_or_create(name=ACADEMY_ADMIN_GROUP)
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="catalog",
        )
        | Permission.objects.filter(
            content_type__app_label="accounts",
            codename__in=["view_user", "change_user", "add_user"],
        )
        # The records of earlier sessions, which returning candidates' pre-fill reads.
        | Permission.objects.filter(
            content_type__app_label="registration",
            content_type__model__in=["priorrecord", "priorgrade"],
        )
    )
    return group
