from articles.models.stories import Article, ArticleQuerySet, Section, SectionQuerySet, Tag, navigation_sections
from articles.models.translations import ArticleTranslationState
from articles.models.workflow import ArticleTransition

__all__ = [
    "Article",
    "ArticleQuerySet",
    "ArticleTranslationState",
    "ArticleTransition",
    "Section",
    "SectionQuerySet",
    "Tag",
    "navigation_sections",
]
