from articles.models.stories import Article, ArticleQuerySet, Section, SectionQuerySet, Tag, navigation_sections
from articles.models.workflow import ArticleTransition

__all__ = ["Article", "ArticleTransition", "ArticleQuerySet", "Section", "SectionQuerySet", "Tag", "navigation_sections"]
