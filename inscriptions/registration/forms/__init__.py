"""One form per wizard screen. Forms check the shape of what is typed; the rules decide the rest.

``FIELD_PATHS`` maps each form field to the facts' attribute a rule finding names, so the rule's
message is shown beside the right field."""

from .base import YES_NO, CatalogueChoiceField, KeptChoices, StepForm
from .choices import ConsentsForm, EstablishmentForm, FormForm, SpecialtyForm
from .person import IdentityForm, SituationForm, StartForm
from .units import ACQUIS_CHOICES, AcquisForm, UnitsForm

__all__ = [
    "ACQUIS_CHOICES",
    "YES_NO",
    "AcquisForm",
    "CatalogueChoiceField",
    "ConsentsForm",
    "EstablishmentForm",
    "FormForm",
    "IdentityForm",
    "KeptChoices",
    "SituationForm",
    "SpecialtyForm",
    "StartForm",
    "StepForm",
    "UnitsForm",
]
