"""storyline: turn the news coverage of a developing story into a sourced dossier."""

from storyline.config import Config, load_config
from storyline.model import Annotation, Article, Document, Dossier, Entity, Mention, Published, Span
from storyline.pipeline import BuildResult, build, run

__all__ = [
    "Annotation",
    "Article",
    "BuildResult",
    "Config",
    "Document",
    "Dossier",
    "Entity",
    "Mention",
    "Published",
    "Span",
    "build",
    "load_config",
    "run",
]
__version__ = "0.1.0"
