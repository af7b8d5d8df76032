from articles.admin import comments, stories  # noqa: F401
