from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import auth, documents, privacy, registrations, views
from .office import urls as office

app_name = "api"

router = DefaultRouter()
router.register("academies", views.AcademyViewSet, basename="academy")
router.register("specialties", views.SpecialtyViewSet, basename="specialty")
router.register("sessions", views.ExamSessionViewSet, basename="session")
router.register("registrations", registrations.RegistrationViewSet, basename="registration")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("v1/auth/token/", auth.TokenView.as_view(), name="token"),
    path("v1/", include(router.urls)),
    path("v1/", include(documents.urlpatterns)),
    path("v1/", include(privacy.urlpatterns)),
    path("v1/office/", include(office.urlpatterns)),
]
