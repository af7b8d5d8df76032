from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("section/<str:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("news/<str:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("reporters/<str:slug>/", views.ReporterView.as_view(), name="reporter"),
    path("search/", views.SearchView.as_view(), name="search"),
]
