"""How long personal data is kept (RGPD art. 5.1.e), from the settings: the purge job
(``privacy.purge``) applies these periods, and the personal-data pages state them, so no page
promises what the code does not do. Modelled on the State's registration services (the CAMELIA
order of 1 June 2023)."""

from dataclasses import dataclass
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class Periods:
    unused_account_months: int
    dossier_years: int
    connection_log_months: int


def periods() -> Periods:
    return Periods(
        unused_account_months=settings.RETENTION_UNUSED_ACCOUNT_MONTHS,
        dossier_years=settings.RETENTION_DOSSIER_YEARS,
        connection_log_months=settings.RETENTION_CONNECTION_LOG_MONTHS,
    )


def results_reference(exam_year: int) -> datetime:
    """When a session's results count as given, for the dossier's period: the last day of its
    exam year (the results are published in the summer; the period never starts earlier)."""
    return timezone.make_aware(datetime(exam_year + 1, 1, 1))


def dossier_kept_until(exam_year: int) -> datetime:
    kept: datetime = results_reference(exam_year) + relativedelta(
        years=settings.RETENTION_DOSSIER_YEARS
    )
    return kept


def unused_account_cutoff(now: datetime) -> datetime:
    """An account last used before this, and never used for a validated registration, goes."""
    cutoff: datetime = now - relativedelta(months=settings.RETENTION_UNUSED_ACCOUNT_MONTHS)
    return cutoff


def connection_log_cutoff(now: datetime) -> datetime:
    cutoff: datetime = now - relativedelta(months=settings.RETENTION_CONNECTION_LOG_MONTHS)
    return cutoff
