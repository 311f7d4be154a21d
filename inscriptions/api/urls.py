from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter()
router.register("academies", views.AcademyViewSet, basename="academy")
router.register("specialties", views.SpecialtyViewSet, basename="specialty")
router.register("sessions", views.ExamSessionViewSet, basename="session")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("v1/", include(router.urls)),
]
