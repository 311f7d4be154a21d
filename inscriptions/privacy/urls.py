from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.my_data, name="my_data"),
    path("mes-donnees.zip", views.download, name="download"),
    path("fermer-le-compte/", views.close, name="close"),
]
