from django.urls import path

from articles.comments import views

app_name = "comments"

urlpatterns = [
    path("news/<str:slug>/comment/", views.post, name="post"),
    path("comments/<int:pk>/report/", views.report, name="report"),
]
