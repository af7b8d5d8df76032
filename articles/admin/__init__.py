from articles.admin import stories  # noqa: F401
