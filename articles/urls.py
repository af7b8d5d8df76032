from django.urls import path

from articles import feeds
from articles.views import beacon, desk, filing, reading

app_name = "articles"

urlpatterns = [
    path("", reading.HomeView.as_view(), name="home"),
    path("section/<str:slug>/", reading.SectionView.as_view(), name="section"),
    path("section/<str:slug>/rss/", feeds.SectionFeed(), name="section-feed-rss"),
    path("section/<str:slug>/atom/", feeds.SectionAtomFeed(), name="section-feed-atom"),
    path("tag/<str:slug>/", reading.TagView.as_view(), name="tag"),
    path("news/<str:slug>/", reading.ArticleDetailView.as_view(), name="detail"),
    # The story page's view counter, an image (articles/views/beacon.py); behind nginx, nginx answers it.
    path("v/<str:slug>.gif", beacon.view_beacon, name="view-beacon"),
    path("reporters/<str:slug>/", reading.ReporterView.as_view(), name="reporter"),
    path("search/", reading.SearchView.as_view(), name="search"),
    path("archive/<int:year>/", reading.YearArchiveView.as_view(), name="archive-year"),
    path("archive/<int:year>/<int:month>/", reading.MonthArchiveView.as_view(), name="archive-month"),
    path("archive/<int:year>/<int:month>/<int:day>/", reading.DayArchiveView.as_view(), name="archive-day"),
    path("feeds/rss/", feeds.LatestStoriesFeed(), name="feed-rss"),
    path("feeds/atom/", feeds.LatestStoriesAtomFeed(), name="feed-atom"),
    # The reporter's desk: their stories (articles/views/desk.py) and filing them (articles/views/filing.py).
    path("desk/", desk.DeskView.as_view(), name="desk"),
    path("desk/stories/new/", filing.StoryCreateView.as_view(), name="story-create"),
    path("desk/stories/<int:pk>/edit/", filing.StoryEditView.as_view(), name="story-edit"),
    path("desk/stories/<int:pk>/preview/", filing.StoryPreviewView.as_view(), name="story-preview"),
    path("desk/stories/<int:pk>/submit/", filing.StorySubmitView.as_view(), name="story-submit"),
]
