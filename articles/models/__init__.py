from articles.models.stories import Article, ArticleQuerySet, Section, SectionQuerySet, Tag, navigation_sections

__all__ = ["Article", "ArticleQuerySet", "Section", "SectionQuerySet", "Tag", "navigation_sections"]
