from django.urls import path

from articles.views import reading

app_name = "articles"

urlpatterns = [
    path("", reading.HomeView.as_view(), name="home"),
    path("section/<str:slug>/", reading.SectionView.as_view(), name="section"),
    path("tag/<str:slug>/", reading.TagView.as_view(), name="tag"),
    path("news/<str:slug>/", reading.ArticleDetailView.as_view(), name="detail"),
    path("reporters/<str:slug>/", reading.ReporterView.as_view(), name="reporter"),
    path("search/", reading.SearchView.as_view(), name="search"),
]
